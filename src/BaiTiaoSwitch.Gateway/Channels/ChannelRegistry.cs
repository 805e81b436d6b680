using System.Collections.Frozen;
using System.Text;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.HttpEdge;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.Channels;

/// <summary>
/// The configured channels, each with its signing key and an SDK client that acts as it: the cluster sees every
/// request as the channel that signed it, proven by that channel's cluster key, never as "the gateway".
/// </summary>
public sealed class ChannelRegistry
{
    private readonly FrozenDictionary<string, Channel> channels;

    public ChannelRegistry(IOptions<GatewayOptions> options, BaiTiaoSwitchClient client)
    {
        channels = options.Value.Channels
            .Select(channel =>
            {
                var sdk = client.As(channel.Credential);
                return new Channel(channel.Credential.Caller, Encoding.UTF8.GetBytes(channel.Secret), sdk, new HttpEdgeClient(sdk));
            })
            .ToFrozenDictionary(channel => channel.Caller.Channel, StringComparer.Ordinal);
    }

    public Channel? Find(string id) => channels.GetValueOrDefault(id);

    /// <summary>Any channel, for calls that need a proven caller but no particular one (the readiness probe).</summary>
    public Channel? Any => channels.Values.FirstOrDefault();

    /// <summary>A configured channel. <see cref="Key"/> is the HMAC key of its HTTP signatures: the UTF-8 bytes of the secret.</summary>
    public sealed record Channel(Caller Caller, byte[] Key, BaiTiaoSwitchClient Client, HttpEdgeClient Edge)
    {
        public override string ToString() => $"Channel({Caller.Channel})";
    }
}
