using BaiTiaoSwitch.Gateway.Channels;

namespace BaiTiaoSwitch.Gateway.Signing;

/// <summary>What the edge learned about a request whose signature it verified: who sent it, and its body.</summary>
public sealed class SignedRequest(ChannelRegistry.Channel channel, ReadOnlyMemory<byte> body, string? idempotencyKey)
{
    public ChannelRegistry.Channel Channel { get; } = channel;

    public Caller Caller => Channel.Caller;

    public ReadOnlyMemory<byte> Body { get; } = body;

    /// <summary>Present and well-formed on every POST, PUT and DELETE.</summary>
    public string? IdempotencyKey { get; } = idempotencyKey;
}
