namespace BaiTiaoSwitch.Credit;

/// <summary>
/// A repayment (还款) on an account (API.md Repayment): <see cref="Allocated"/> says what it paid, in the order it pays
/// off; its sum is <see cref="Amount"/>. <see cref="RepaymentId"/> is deterministic from the request's idempotency key.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.Repayment")]
public sealed record Repayment(
    [property: Id(0)] string RepaymentId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] RepaymentAllocated Allocated,
    [property: Id(4)] DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The idempotency key the SDK sent with the request that answered this (it generates one when the caller gave
    /// none), so that the caller can retry with it. Filled in by the SDK; never serialized (no [Id]).
    /// </summary>
    [field: NonSerialized]
    public string? IdempotencyKey { get; init; }
}
