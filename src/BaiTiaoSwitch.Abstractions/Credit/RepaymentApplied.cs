namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The answer of a repayment the account applied: its id (deterministic from the idempotency key), the allocation
/// (totals and the items it paid, with the Unbilled item the account added itself), the account-clock instant, and
/// the line's credit use after it.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.RepaymentApplied")]
public sealed record RepaymentApplied(
    [property: Id(0)] string RepaymentId,
    [property: Id(1)] long Amount,
    [property: Id(2)] RepaymentAllocationResult Allocation,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] CreditUse Use);
