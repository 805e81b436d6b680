namespace BaiTiaoSwitch;

[GenerateSerializer, Alias("bts.ChannelRole")]
public enum ChannelRole
{
    Wallet = 0,
    Issuer = 1,
}

/// <summary>Who is asking: a gateway acts as exactly one channel.</summary>
[GenerateSerializer, Immutable, Alias("bts.Caller")]
public sealed record Caller(
    [property: Id(0)] string Channel,
    [property: Id(1)] ChannelRole Role)
{
    public bool IsIssuer => Role == ChannelRole.Issuer;

    public static Caller Wallet(string channel) => new(channel, ChannelRole.Wallet);

    public static Caller Issuer(string channel) => new(channel, ChannelRole.Issuer);
}

/// <summary>The caller and the idempotency key of one mutating request. Keys are scoped per channel.</summary>
[GenerateSerializer, Immutable, Alias("bts.RequestContext")]
public sealed record RequestContext(
    [property: Id(0)] Caller Caller,
    [property: Id(1)] string IdempotencyKey)
{
    public string Channel => Caller.Channel;

    public RequestContext Validated()
    {
        Ids.Require(Caller?.Channel, "channel");
        Ids.Require(IdempotencyKey, "idempotencyKey");
        return this;
    }
}
