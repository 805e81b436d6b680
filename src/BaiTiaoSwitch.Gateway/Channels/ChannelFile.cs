using System.Text.Json;

namespace BaiTiaoSwitch.Gateway.Channels;

/// <summary>
/// A channels file: <c>{"channels": [{"id", "role", "secret", "clusterKey"}], "localDevelopmentOnly": true}</c>.
/// The development file says <c>localDevelopmentOnly</c>, and only sandbox mode accepts such a file.
/// </summary>
public sealed record ChannelFile(bool LocalDevelopmentOnly, IReadOnlyList<ChannelOptions> Channels)
{
    public static ChannelFile Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var local = root.TryGetProperty("localDevelopmentOnly", out var flag) && flag.ValueKind == JsonValueKind.True;
        var channels = new List<ChannelOptions>();
        if (root.TryGetProperty("channels", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                channels.Add(new ChannelOptions
                {
                    Id = Text(item, "id"),
                    Role = string.Equals(Text(item, "role"), "issuer", StringComparison.OrdinalIgnoreCase) ? ChannelRole.Issuer : ChannelRole.Wallet,
                    Secret = Text(item, "secret"),
                    ClusterKey = Text(item, "clusterKey"),
                });
            }
        }

        return new ChannelFile(local, channels);
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
