namespace BaiTiaoSwitch.Credit;

[GenerateSerializer, Alias("bts.InstallmentPeriodStatus")]
public enum InstallmentPeriodStatus
{
    /// <summary>Not yet paid (billed or not: billing is <see cref="InstallmentPeriod.DueDate"/> against the statements).</summary>
    Due = 0,
    Paid = 1,
}

[GenerateSerializer, Alias("bts.InstallmentPlanStatus")]
public enum InstallmentPlanStatus
{
    Active = 0,
    PaidOff = 1,
    Cancelled = 2,
}

/// <summary>One period of a plan: principal and fee kept apart, due on the due date of the statement that bills it.</summary>
[GenerateSerializer, Immutable, Alias("bts.InstallmentPeriod")]
public sealed record InstallmentPeriod(
    [property: Id(0)] int Period,
    [property: Id(1)] DateOnly DueDate,
    [property: Id(2)] long Principal,
    [property: Id(3)] long Fee,
    [property: Id(4)] InstallmentPeriodStatus Status);

/// <summary>
/// An installment plan (分期) made on one capture. Amounts are minor units of <see cref="Currency"/>. The schedule sums
/// exactly to <see cref="Principal"/> and <see cref="TotalFee"/> when made; a refund rebuilds the periods not yet
/// billed (see <c>InstallmentRefund</c>), after which <see cref="Principal"/> and <see cref="TotalFee"/> are the
/// reduced figures and still equal the schedule's sums. <see cref="Apr"/> is the disclosed APR, in percent with two
/// decimals ("10.90"), of the plan as made.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.InstallmentPlan")]
public sealed record InstallmentPlan(
    [property: Id(0)] string PlanId,
    [property: Id(1)] string CaptureId,
    [property: Id(2)] string AccountId,
    [property: Id(3)] string Currency,
    [property: Id(4)] long Principal,
    [property: Id(5)] int Periods,
    [property: Id(6)] Rate FeeRatePerPeriod,
    [property: Id(7)] long FeePerPeriod,
    [property: Id(8)] long TotalFee,
    [property: Id(9)] string Apr,
    [property: Id(10)] IReadOnlyList<InstallmentPeriod> Schedule,
    [property: Id(11)] InstallmentPlanStatus Status,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] long TermsVersion);
