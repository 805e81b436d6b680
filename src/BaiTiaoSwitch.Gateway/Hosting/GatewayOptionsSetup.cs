using BaiTiaoSwitch.Gateway.Channels;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.Hosting;

/// <summary>Adds the channels of <see cref="GatewayOptions.ChannelsFile"/> to the configured ones.</summary>
internal sealed class GatewayOptionsSetup : IPostConfigureOptions<GatewayOptions>
{
    public void PostConfigure(string? name, GatewayOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ChannelsFile) && File.Exists(options.ChannelsFile))
        {
            var file = ChannelFile.Load(options.ChannelsFile);
            if (file.LocalDevelopmentOnly && options.Mode != GatewayMode.Sandbox)
            {
                // Leave them out; the validator names the file and stops the start.
                return;
            }

            options.Channels.AddRange(file.Channels);
        }
    }
}
