namespace BaiTiaoSwitch;

[GenerateSerializer, Alias("bts.ChannelRole")]
public enum ChannelRole
{
    Wallet = 0,
    Issuer = 1,
}

/// <summary>
/// Who is asking: a channel and its role. On a silo, grains learn it from <c>CurrentCaller</c>, which holds it only
/// after the caller's token was verified; it is never taken from a method argument.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.Caller")]
public sealed record Caller(
    [property: Id(0)] string Channel,
    [property: Id(1)] ChannelRole Role)
{
    public bool IsIssuer => Role == ChannelRole.Issuer;

    public static Caller Wallet(string channel) => new(channel, ChannelRole.Wallet);

    public static Caller Issuer(string channel) => new(channel, ChannelRole.Issuer);
}
