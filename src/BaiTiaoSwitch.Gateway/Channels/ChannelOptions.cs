namespace BaiTiaoSwitch.Gateway.Channels;

/// <summary>One caller of the API: its id, role and signing secret. The secret is never logged.</summary>
public sealed class ChannelOptions
{
    public string Id { get; set; } = "";

    public ChannelRole Role { get; set; } = ChannelRole.Wallet;

    public string Secret { get; set; } = "";

    public override string ToString() => $"Channel({Id}, {Role})";
}
