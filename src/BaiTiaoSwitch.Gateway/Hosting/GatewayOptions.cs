using BaiTiaoSwitch.Gateway.Channels;

namespace BaiTiaoSwitch.Gateway.Hosting;

/// <summary>Settings of the HTTP gateway (section <c>Gateway</c>). Every limit has a name; units go last.</summary>
public sealed class GatewayOptions
{
    public GatewayMode Mode { get; set; } = GatewayMode.Production;

    /// <summary>Channels and their secrets, from configuration (in production: a secret store, e.g. Kubernetes secrets).</summary>
    public List<ChannelOptions> Channels { get; set; } = [];

    /// <summary>
    /// A file of development channels (<c>deploy/local/channels.json</c>). Accepted in sandbox mode only: a file
    /// marked <c>localDevelopmentOnly</c> stops a production gateway at start.
    /// </summary>
    public string? ChannelsFile { get; set; }

    /// <summary>The largest request body accepted.</summary>
    public int BodySizeMaxBytes { get; set; } = 16 * 1024;

    /// <summary>How long GET /health/ready waits for the cluster.</summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
