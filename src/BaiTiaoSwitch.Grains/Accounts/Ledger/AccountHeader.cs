namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The scalar part of a line's state. Replaced whole on each change; journaled whole with every batch.
/// <see cref="OverLimitAmount"/> and <see cref="OverLimitCount"/> total the forced postings (a capture above its hold,
/// or after its hold expired), whether or not they took the line over its limit. <see cref="EventsPublishedThrough"/>
/// is the journal version up to which every event is known to be published (the outbox's progress; it lags, never leads).
/// <see cref="CreditLimit"/> is the limit in force: <see cref="IssuerCreditLimit"/> (the limit the issuer last set) as set,
/// until a score change moves the line into another band, which puts that band's percent of it in force
/// (<see cref="CreditScoreBands"/>). 0 there means a line journaled before the bands: its limit in force is the issuer's.
/// Credit products: <see cref="BillingDay"/> (0: the terms' default), <see cref="InstallmentsOutstanding"/> and
/// <see cref="PrincipalRepaid"/> (see <see cref="Credit.CreditUse"/>), the sandbox clock's offset, the next plan refund's
/// sequence and the last statement cut the credit grain acknowledged.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.AccountHeader")]
public sealed record AccountHeader(
    [property: Id(0)] string AccountId,
    [property: Id(1)] AccountStatus Status,
    [property: Id(2)] string Currency,
    [property: Id(3)] long CreditLimit,
    [property: Id(4)] long Pending,
    [property: Id(5)] long Posted,
    [property: Id(6)] long OverLimitAmount,
    [property: Id(7)] int OverLimitCount,
    [property: Id(8)] int CreditScore,
    [property: Id(9)] HolderRecord? Holder,
    [property: Id(10)] SpendLimits Limits,
    [property: Id(11)] long NextSequence,
    [property: Id(12)] DateTimeOffset OpenedAt,
    [property: Id(13)] int OpenHolds,
    [property: Id(14)] long NextAlertNumber = 1,
    [property: Id(15)] long EventsPublishedThrough = 0,
    [property: Id(16)] long IssuerCreditLimit = 0,
    [property: Id(17)] int BillingDay = 0,
    [property: Id(18)] long InstallmentsOutstanding = 0,
    [property: Id(19)] long PrincipalRepaid = 0,
    [property: Id(20)] long ClockOffsetSeconds = 0,
    [property: Id(21)] long NextPlanRefund = 1,
    [property: Id(22)] DateOnly? LastCut = null)
{
    /// <summary>The line's use for credit products (<see cref="Posted"/> is the one posted balance; never a second copy).</summary>
    public Credit.CreditUse Use => new(Posted, InstallmentsOutstanding, PrincipalRepaid);

    public bool IsOpened => Holder is not null;

    /// <summary>The limit the issuer last set, which the score bands take their share of.</summary>
    public long IssuerLimit => IssuerCreditLimit > 0 ? IssuerCreditLimit : CreditLimit;

    public long Available => checked(CreditLimit - Pending - Posted);

    public static AccountHeader Unopened(string accountId) =>
        new(accountId, AccountStatus.Closed, Money.Cny, 0, 0, 0, 0, 0, 0, null, SpendLimits.None, 1, default, 0);
}
