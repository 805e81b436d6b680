namespace BaiTiaoSwitch.Credit;

/// <summary>The fee of one installment period count: a rate per period on the plan's original principal.</summary>
[GenerateSerializer, Immutable, Alias("bts.InstallmentOption")]
public sealed record InstallmentOption(
    [property: Id(0)] int Periods,
    [property: Id(1)] Rate FeeRatePerPeriod);

/// <summary>
/// The product terms of the credit line at one version. Terms change; a plan keeps the version it was made under
/// (<see cref="InstallmentPlan.TermsVersion"/>), and a statement the version it was cut under. The defaults are the
/// issue's: 3/6/12/24 periods at 0.5% a period, APR cap 24%, due 9 days after the cut, billing day 1, minimum payment
/// 10%, late fee 0.05% a day capped at 10% of the amount that went overdue. Checked by <c>CreditTermsValidator</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.CreditTerms")]
public sealed record CreditTerms(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<InstallmentOption> Installments,
    [property: Id(2)] Rate AprCap,
    [property: Id(3)] int StatementDueDays,
    [property: Id(4)] int BillingDayDefault,
    [property: Id(5)] Rate MinimumPaymentRate,
    [property: Id(6)] Rate LateFeeDailyRate,
    [property: Id(7)] Rate LateFeeCapRate,
    [property: Id(8)] TimeSpan UtcOffset)
{
    public static readonly IReadOnlyList<int> AllowedPeriodCounts = [3, 6, 12, 24];

    public static readonly CreditTerms Default = new(
        Version: 1,
        Installments: [.. AllowedPeriodCounts.Select(periods => new InstallmentOption(periods, Rate.Percent(0.5m)))],
        AprCap: Rate.Percent(24m),
        StatementDueDays: 9,
        BillingDayDefault: 1,
        MinimumPaymentRate: Rate.Percent(10m),
        LateFeeDailyRate: Rate.Percent(0.05m),
        LateFeeCapRate: Rate.Percent(10m),
        UtcOffset: TimeSpan.FromHours(8));

    /// <summary>The option for a period count, or null when these terms do not offer it.</summary>
    public InstallmentOption? OptionFor(int periods) => Installments.FirstOrDefault(option => option.Periods == periods);
}
