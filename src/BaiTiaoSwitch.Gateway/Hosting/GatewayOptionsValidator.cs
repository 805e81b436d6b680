using BaiTiaoSwitch.Gateway.Channels;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.Hosting;

/// <summary>Names every bad setting at start. Never echoes a secret.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <summary>Every secret in the development channels file starts with this; no other mode accepts it.</summary>
    public const string DevelopmentSecretPrefix = "local-dev-only-";

    public const int SecretLengthMin = 32;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ChannelsFile))
        {
            if (!File.Exists(options.ChannelsFile))
            {
                failures.Add($"Gateway:ChannelsFile names a file that does not exist: {options.ChannelsFile}.");
            }
            else if (options.Mode != GatewayMode.Sandbox && ChannelFile.Load(options.ChannelsFile).LocalDevelopmentOnly)
            {
                failures.Add($"Gateway:ChannelsFile {options.ChannelsFile} holds local-development channels; only sandbox mode accepts it. Give production channels through configuration (a secret store).");
            }
        }

        if (options.Channels.Count == 0)
        {
            failures.Add("Gateway:Channels is empty: configure at least one channel (id, role, secret, clusterKey).");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Channels.Count; i++)
        {
            var channel = options.Channels[i];
            var field = $"Gateway:Channels:{i}";
            if (!Ids.IsWellFormed(channel.Id))
            {
                failures.Add($"{field}:Id must be 1 to {Ids.IdLengthMax} characters of [A-Za-z0-9_-].");
            }
            else if (!seen.Add(channel.Id))
            {
                failures.Add($"{field}:Id '{channel.Id}' is configured twice.");
            }

            if (channel.Secret.Length < SecretLengthMin)
            {
                failures.Add($"{field}:Secret of channel '{channel.Id}' must be at least {SecretLengthMin} characters.");
            }

            if (options.Mode != GatewayMode.Sandbox && channel.Secret.StartsWith(DevelopmentSecretPrefix, StringComparison.Ordinal))
            {
                failures.Add($"{field}:Secret of channel '{channel.Id}' is a local-development secret; production mode refuses it.");
            }

            if (!KeyMaterial.IsStrong(channel.ClusterKey))
            {
                failures.Add($"{field}:ClusterKey of channel '{channel.Id}' must be base64 of at least {KeyMaterial.KeyBytesMin} random bytes: the key the silos know this channel by (BaiTiaoSwitch:Callers).");
            }
            else if (options.Mode != GatewayMode.Sandbox && KeyMaterial.IsLocalDevelopment(channel.ClusterKey))
            {
                failures.Add($"{field}:ClusterKey of channel '{channel.Id}' is a local-development key; production mode refuses it.");
            }
        }

        if (options.BodySizeMaxBytes is < 1024 or > 1024 * 1024)
        {
            failures.Add("Gateway:BodySizeMaxBytes must be from 1024 to 1048576.");
        }

        if (options.ReadinessTimeout <= TimeSpan.Zero)
        {
            failures.Add("Gateway:ReadinessTimeout must be greater than zero.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
