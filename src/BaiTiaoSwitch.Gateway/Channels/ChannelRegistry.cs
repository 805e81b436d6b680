using System.Collections.Frozen;
using System.Text;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.Channels;

/// <summary>The configured channels, each with its signing key and an SDK client that acts as it.</summary>
public sealed class ChannelRegistry
{
    private readonly FrozenDictionary<string, Channel> channels;

    public ChannelRegistry(IOptions<GatewayOptions> options, BaiTiaoSwitchClient client)
    {
        channels = options.Value.Channels
            .Select(channel => new Channel(new Caller(channel.Id, channel.Role), Encoding.UTF8.GetBytes(channel.Secret), client.As(new Caller(channel.Id, channel.Role))))
            .ToFrozenDictionary(channel => channel.Caller.Channel, StringComparer.Ordinal);
    }

    public Channel? Find(string id) => channels.GetValueOrDefault(id);

    /// <summary>A configured channel. <see cref="Key"/> is the HMAC key: the UTF-8 bytes of the secret.</summary>
    public sealed record Channel(Caller Caller, byte[] Key, BaiTiaoSwitchClient Client)
    {
        public override string ToString() => $"Channel({Caller.Channel})";
    }
}
