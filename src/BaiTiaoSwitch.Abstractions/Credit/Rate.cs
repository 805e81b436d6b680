using System.Globalization;

namespace BaiTiaoSwitch.Credit;

/// <summary>
/// An exact rate in parts per million (0.5% is 5,000; 24% is 240,000). Rates are never <c>double</c>: a rate applied
/// to money gives an exact fraction of a fen, and the rule that applies it says how that fraction is rounded.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.Rate")]
public readonly record struct Rate([property: Id(0)] long PartsPerMillion)
{
    public const long OneMillion = 1_000_000;

    public static Rate Zero => new(0);

    public static Rate Percent(decimal percent) => new(checked((long)decimal.Round(percent * 10_000m, 0, MidpointRounding.AwayFromZero)));

    /// <summary>The rate as an exact decimal fraction (0.005 for 0.5%).</summary>
    public decimal Fraction => PartsPerMillion / (decimal)OneMillion;

    /// <summary>amount × rate × times, rounded down to the fen (never charges a fraction the customer does not owe).</summary>
    public long OfFloor(long amount, long times = 1) => Narrow(Product(amount, times) / OneMillion);

    /// <summary>amount × rate × times, rounded up to the fen (used where the result is a floor the customer must reach).</summary>
    public long OfCeiling(long amount, long times = 1)
    {
        var product = Product(amount, times);
        return Narrow((product / OneMillion) + (product % OneMillion > 0 ? 1 : 0));
    }

    /// <summary>amount × rate × times, rounded half up to the fen.</summary>
    public long OfHalfUp(long amount, long times = 1) => Narrow((Product(amount, times) + (OneMillion / 2)) / OneMillion);

    private Int128 Product(long amount, long times)
    {
        if (amount < 0 || times < 0 || PartsPerMillion < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A rate is applied only to non-negative amounts.");
        }

        return checked((Int128)amount * PartsPerMillion * times);
    }

    private static long Narrow(Int128 value) => checked((long)value);

    /// <summary>The rate as a decimal fraction string, as API.md shows it: "0.0050" for 0.5% with 4 decimals.</summary>
    public string ToFractionString(int decimals) =>
        decimal.Round(Fraction, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public override string ToString() => ToFractionString(6);
}
