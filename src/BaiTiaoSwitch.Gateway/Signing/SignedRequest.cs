using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Gateway.Channels;
using Microsoft.AspNetCore.Http.Features;

namespace BaiTiaoSwitch.Gateway.Signing;

/// <summary>What the edge learned about a request whose signature it verified: who sent it, and its body.</summary>
public sealed class SignedRequest(ChannelRegistry.Channel channel, ReadOnlyMemory<byte> body, string? idempotencyKey)
{
    public ChannelRegistry.Channel Channel { get; } = channel;

    public Caller Caller => Channel.Caller;

    public ReadOnlyMemory<byte> Body { get; } = body;

    /// <summary>Present and well-formed on every POST, PUT and DELETE.</summary>
    public string? IdempotencyKey { get; } = idempotencyKey;

    /// <summary>The request's Idempotency-Key for the SDK: the core operation runs under the key the caller chose.</summary>
    public RequestOptions KeyOptions => RequestOptions.WithKey(IdempotencyKey ?? throw new InvalidOperationException("Only POST, PUT and DELETE routes carry an Idempotency-Key."));
}

public static class SignedRequestExtensions
{
    /// <summary>The verified request that the signing middleware put on the context of every signed route.</summary>
    public static SignedRequest Signed(this HttpContext context) => context.Features.GetRequiredFeature<SignedRequest>();
}
