using System.Text.Json;

namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>
/// The channels file of the local run (<c>deploy/local/channels.json</c>):
/// <c>{"channels": [{"id", "role", "secret", "clusterKey"}]}</c>. Secrets and keys are kept here and never printed.
/// </summary>
public sealed class DevelopmentChannels
{
    public const string DefaultRelativePath = "deploy/local/channels.json";

    private readonly Dictionary<string, (string Role, byte[] Key, string ClusterKey)> channels;

    private DevelopmentChannels(string path, Dictionary<string, (string Role, byte[] Key, string ClusterKey)> channels)
    {
        Path = path;
        this.channels = channels;
    }

    public string Path { get; }

    public static DevelopmentChannels Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var found = new Dictionary<string, (string Role, byte[] Key, string ClusterKey)>(StringComparer.Ordinal);
            if (document.RootElement.TryGetProperty("channels", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    var id = Text(item, "id");
                    var secret = Text(item, "secret");
                    if (id.Length > 0 && secret.Length > 0)
                    {
                        found[id] = (Text(item, "role").ToLowerInvariant(), System.Text.Encoding.UTF8.GetBytes(secret), Text(item, "clusterKey"));
                    }
                }
            }

            return new DevelopmentChannels(path, found);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new SwitchStepException("channels_file_unreadable", $"Could not read the channels file {path}: {exception.Message}");
        }
    }

    /// <summary>Finds <see cref="DefaultRelativePath"/> in the working directory or one of its parents.</summary>
    public static string? FindDefault()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, DefaultRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The HMAC key of <paramref name="channel"/> with the expected role, or a message naming what is missing.</summary>
    public byte[] Key(string channel, string role) =>
        channels.TryGetValue(channel, out var entry) && entry.Role == role
            ? entry.Key
            : throw new SwitchStepException("channel_not_configured", $"The channels file {Path} has no {role} channel '{channel}' with a secret.");

    /// <summary>The caller credential of <paramref name="channel"/> (its cluster key), for the SDK.</summary>
    public CallerCredential Credential(string channel, ChannelRole role)
    {
        var name = role == ChannelRole.Issuer ? "issuer" : "wallet";
        return channels.TryGetValue(channel, out var entry) && entry.Role == name && entry.ClusterKey.Length > 0
            ? new CallerCredential(channel, role, entry.ClusterKey)
            : throw new SwitchStepException("channel_not_configured", $"The channels file {Path} has no {name} channel '{channel}' with a clusterKey.");
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
