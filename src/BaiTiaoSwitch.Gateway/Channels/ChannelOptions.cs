namespace BaiTiaoSwitch.Gateway.Channels;

/// <summary>
/// One caller of the API: its id, role, HTTP signing secret and cluster key (the key the silos know the channel by,
/// with which the gateway's SDK proves it acts for this channel). Neither secret is ever logged.
/// </summary>
public sealed class ChannelOptions
{
    public string Id { get; set; } = "";

    public ChannelRole Role { get; set; } = ChannelRole.Wallet;

    public string Secret { get; set; } = "";

    /// <summary>The channel's cluster key: the silos' <c>BaiTiaoSwitch:Callers</c> entry for this channel holds the same.</summary>
    public string ClusterKey { get; set; } = "";

    public CallerCredential Credential => new(Id, Role, ClusterKey);

    public override string ToString() => $"Channel({Id}, {Role})";
}
