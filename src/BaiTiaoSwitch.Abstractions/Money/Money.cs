namespace BaiTiaoSwitch;

/// <summary>
/// An amount of money in minor units (fen for CNY). Never a decimal or a double.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.Money")]
public readonly record struct Money(
    [property: Id(0)] long Amount,
    [property: Id(1)] string Currency)
{
    public const string Cny = "CNY";

    /// <summary>The largest amount one request may carry: 10^12 minor units.</summary>
    public const long AmountMax = 1_000_000_000_000;

    public static Money Fen(long amount) => new(amount, Cny);

    public static Money Zero(string currency) => new(0, currency);

    public override string ToString() => $"{Amount} {Currency}";
}
