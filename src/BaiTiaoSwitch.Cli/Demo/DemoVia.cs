namespace BaiTiaoSwitch.Cli.Demo;

/// <summary>How the demo reaches the switch.</summary>
public enum DemoVia
{
    /// <summary>The .NET client SDK, as an Orleans client in the cluster.</summary>
    Sdk,

    /// <summary>The signed HTTP API of the gateway.</summary>
    Http,
}
