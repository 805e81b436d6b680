namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The state of a line. <c>Available = CreditLimit − Pending − Posted</c>; it goes negative only through
/// over-limit postings. <c>OverLimit</c> is the total amount ever posted above a hold or the limit.
/// <c>BillingDay</c> (1–28) is the day of the month its statements are cut; <c>InstallmentsOutstanding</c> is the part of
/// <c>Posted</c> on installment plans.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.AccountSnapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] string AccountId,
    [property: Id(1)] AccountStatus Status,
    [property: Id(2)] Money CreditLimit,
    [property: Id(3)] Money Available,
    [property: Id(4)] Money Pending,
    [property: Id(5)] Money Posted,
    [property: Id(6)] Money OverLimit,
    [property: Id(7)] int OverLimitCount,
    [property: Id(8)] int OpenHolds,
    [property: Id(9)] int CreditScore,
    [property: Id(10)] int BillingDay = 0,
    [property: Id(11)] Money InstallmentsOutstanding = default)
{
    /// <summary>
    /// The idempotency key the SDK sent with the request that answered this (it generates one when the caller gave
    /// none), so that the caller can retry with it. Filled in by the SDK; never serialized (no [Id]).
    /// </summary>
    [field: NonSerialized]
    public string? IdempotencyKey { get; init; }
}
