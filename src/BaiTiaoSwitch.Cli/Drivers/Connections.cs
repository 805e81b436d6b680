using BaiTiaoSwitch.Cli.Demo;

namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>The driver that the connection options ask for: the SDK (an Orleans client) or the signed HTTP API.</summary>
public static class Connections
{
    public static ISwitchDriver Create(DemoOptions options) => options.Via switch
    {
        DemoVia.Http => new HttpDriver(options.Gateway, DevelopmentChannels.Load(options.ChannelsFile!), options.IssuerChannel, options.Timeout),
        _ => new SdkDriver(
            new SdkDriverSettings(options.StorageConnectionString, options.ClusterId, options.ServiceId, options.StorageNamePrefix, options.IssuerChannel, options.Timeout, options.Verbose),
            DevelopmentChannels.Load(options.ChannelsFile!)),
    };
}
