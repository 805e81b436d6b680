namespace BaiTiaoSwitch.Risk;

/// <summary>
/// What a line remembers of its holder for the rules, beside its ring of recent payments: how many payments it has
/// recorded (the ring's next slot), the holder's amount sketch, and the merchant countries paid in (at most
/// <c>CountriesMax</c>, the earliest seen leave first). Journaled whole when it changes; small and bounded.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.RiskProfile")]
public sealed record RiskProfile(
    [property: Id(0)] long Recorded,
    [property: Id(1)] AmountSketch Amounts,
    [property: Id(2)] string[] Countries)
{
    public static readonly RiskProfile Empty = new(0, AmountSketch.Empty, []);
}
