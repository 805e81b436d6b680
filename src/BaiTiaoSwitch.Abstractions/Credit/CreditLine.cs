namespace BaiTiaoSwitch.Credit;

/// <summary>
/// What the credit grain reads of the account, durable state only: the account clock's now, the billing day, the
/// line's credit use, the periods not yet cut (oldest first), the plan refunds not yet acknowledged (by sequence), and
/// the plans the account knows, the last cut it was told of (AcknowledgeCut), and when the line was opened (account clock).
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.CreditLine")]
public sealed record CreditLine(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Currency,
    [property: Id(2)] DateTimeOffset Now,
    [property: Id(3)] int BillingDay,
    [property: Id(4)] CreditUse Use,
    [property: Id(5)] IReadOnlyList<PeriodTotals> Periods,
    [property: Id(6)] IReadOnlyList<PlanRefund> PlanRefunds,
    [property: Id(7)] IReadOnlyList<PlanOnLine> Plans,
    [property: Id(8)] DateOnly? LastAcknowledgedCut,
    [property: Id(9)] DateTimeOffset OpenedAt);
