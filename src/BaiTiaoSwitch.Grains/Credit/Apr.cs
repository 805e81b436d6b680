using System.Globalization;

namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The annual percentage rate a plan discloses: the internal rate of return of its actual flows, annualized.
/// <list type="bullet">
/// <item>Flows: the customer receives the principal at t0 and pays each period's principal plus fee (the schedule's
/// exact fen, rounding included) at the end of period k = 1..n. The monthly IRR <c>i</c> solves
/// <c>P = Σ payment_k / (1 + i)^k</c>.</item>
/// <item>Annualization: APR = 12 × i, the nominal convention Chinese disclosures use under the 2021 rule (PBoC notice
/// No. 3 of 2021: annualized rate by IRR); periods are counted as months, not by their actual days, so the first
/// period's length (up to the next statement) does not move the figure.</item>
/// <item>Disclosed in percent with two decimals, rounded half up ("10.90"); the cap is checked on the disclosed figure,
/// so what the customer is shown is what was checked.</item>
/// </list>
/// The IRR is found by bisection in <c>decimal</c> (the payments are positive and sum to at least the principal, so
/// the NPV falls with the rate and has one root at or above 0).
/// </summary>
public static class Apr
{
    private const int Iterations = 100;
    private const decimal MonthlyRateHigh = 1m;

    public static decimal MonthlyIrr(long principal, IReadOnlyList<long> payments)
    {
        if (principal <= 0 || payments.Count == 0 || payments.Any(payment => payment < 0))
        {
            throw new ArgumentException("An APR needs a positive principal and non-negative payments.");
        }

        if (payments.Sum() <= principal)
        {
            return 0m;
        }

        decimal low = 0m, high = MonthlyRateHigh;
        for (var i = 0; i < Iterations && high - low > 0.000000000000000001m; i++)
        {
            var middle = (low + high) / 2;
            if (PresentValue(payments, middle) > principal)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>The APR in percent, unrounded: 12 × monthly IRR × 100.</summary>
    public static decimal AnnualPercent(long principal, IReadOnlyList<long> payments) => MonthlyIrr(principal, payments) * 1200m;

    /// <summary>The APR as disclosed: percent with two decimals, half up ("10.90").</summary>
    public static string Disclosed(long principal, IReadOnlyList<long> payments) =>
        decimal.Round(AnnualPercent(principal, payments), 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>True when the disclosed APR is above the cap (24% by default).</summary>
    public static bool IsAboveCap(string disclosedApr, Rate cap) =>
        decimal.Parse(disclosedApr, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) > cap.Fraction * 100m;

    /// <summary>Refuses a plan whose disclosed APR is above the cap: <c>422 apr_above_cap</c>. Nothing is written.</summary>
    public static void RequireWithinCap(string disclosedApr, Rate cap)
    {
        if (IsAboveCap(disclosedApr, cap))
        {
            var capText = (cap.Fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture);
            throw new OperationRejectedException(ErrorCodes.AprAboveCap, $"The plan's APR would be {disclosedApr}%, above the cap of {capText}%; choose fewer periods or a smaller fee.");
        }
    }

    private static decimal PresentValue(IReadOnlyList<long> payments, decimal monthlyRate)
    {
        var discount = 1m / (1m + monthlyRate);
        var factor = 1m;
        var value = 0m;
        foreach (var payment in payments)
        {
            factor *= discount;
            value += payment * factor;
        }

        return value;
    }
}
