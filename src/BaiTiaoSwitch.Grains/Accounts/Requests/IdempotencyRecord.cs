using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

[GenerateSerializer, Alias("bts.OperationKind")]
public enum OperationKind
{
    Authorize = 0,
    Increment = 1,
    Capture = 2,
    Reverse = 3,
    Refund = 4,

    /// <summary>A reversal arrived before its authorization; the authorization, when it comes, takes no credit.</summary>
    Tombstone = 5,
    ReverseByRequest = 6,
    Open = 7,
    Freeze = 8,
    Unfreeze = 9,
    Close = 10,
    ChangeCreditLimit = 11,
    SetLimits = 12,
    ChangeCreditScore = 13,
    MoveToInstallments = 14,
    Repay = 15,
    AcknowledgeCut = 16,
    AdvanceClock = 17,
}

/// <summary>
/// The original answer to one (channel, key): a result, or the refusal it got (a refusal is an answer too, so the same
/// request again is refused the same way). A replay with the same kind and fingerprint returns it.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("bts.IdempotencyRecord")]
public sealed record IdempotencyRecord(
    [property: Id(0)] string Scope,
    [property: Id(1)] OperationKind Kind,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] Authorization? Authorization,
    [property: Id(5)] Capture? Capture,
    [property: Id(6)] Refund? Refund,
    [property: Id(7)] AccountSnapshot? Account = null,
    [property: Id(8)] string? RefusalCode = null,
    [property: Id(9)] string? RefusalMessage = null,
    [property: Id(10)] Credit.PlanPrincipalMoved? Moved = null,
    [property: Id(11)] Credit.RepaymentApplied? Repayment = null,
    [property: Id(12)] DateTimeOffset? Instant = null,
    [property: Id(13)] DateOnly? CutDate = null)
{
    public static string ScopeOf(string channel, string key) => channel + "\u001f" + key;

    public bool IsRefusal => RefusalCode is not null;

    /// <summary>The refusal as the exception it was first thrown as.</summary>
    public SwitchException ToRefusal() => RefusalCode == ErrorCodes.NotFound
        ? new NotFoundException(RefusalMessage!)
        : new OperationRejectedException(RefusalCode!, RefusalMessage!);
}
