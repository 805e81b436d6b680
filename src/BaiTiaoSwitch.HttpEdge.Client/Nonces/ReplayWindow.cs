namespace BaiTiaoSwitch.HttpEdge.Nonces;

/// <summary>
/// The one place that ties a signed request's timestamp window to the nonce memory. A request is accepted only while
/// its X-BTS-Timestamp is within <see cref="TimestampSkew"/> of the switch's clock (API.md: 300 s), so a captured
/// request can be replayed, at most, from <see cref="TimestampSkew"/> before its first use (a timestamp signed ahead of
/// the clock) until <see cref="TimestampSkew"/> after its timestamp: a span of twice the skew. Its nonce must be
/// remembered at least that long, which is <see cref="NonceMemory"/>, derived here and nowhere else.
/// </summary>
public static class ReplayWindow
{
    /// <summary>How far a request's X-BTS-Timestamp may be from the switch's clock, either way (fixed by API.md).</summary>
    public static readonly TimeSpan TimestampSkew = TimeSpan.FromSeconds(300);

    /// <summary>How long a used nonce is refused: twice the timestamp skew (10 minutes, as API.md says).</summary>
    public static readonly TimeSpan NonceMemory = 2 * TimestampSkew;

    /// <summary>True when a request stamped <paramref name="unixSeconds"/> may be accepted at <paramref name="now"/>.</summary>
    public static bool IsFresh(DateTimeOffset now, long unixSeconds) => Math.Abs(now.ToUnixTimeSeconds() - unixSeconds) <= (long)TimestampSkew.TotalSeconds;
}
