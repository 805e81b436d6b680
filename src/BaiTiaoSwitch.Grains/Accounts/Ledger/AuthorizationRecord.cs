using System.Collections.Immutable;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// One authorization as the account keeps it. Immutable: every change replaces the record. <see cref="RequestScope"/>
/// is the (channel, idempotency key) of the request that made it, so a reversal by that key finds it for as long as
/// the record is in hot state, even after the key's own record was pruned.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("bts.AuthorizationRecord")]
public sealed record AuthorizationRecord(
    [property: Id(0)] string AuthorizationId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string GrantId,
    [property: Id(3)] string CardId,
    [property: Id(4)] string Channel,
    [property: Id(5)] AuthorizationStatus Status,
    [property: Id(6)] DeclineReason? Reason,
    [property: Id(7)] long Amount,
    [property: Id(8)] long Captured,
    [property: Id(9)] long Reversed,
    [property: Id(10)] long Refunded,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset ExpiresAt,
    [property: Id(13)] DateTimeOffset? ClosedAt,
    [property: Id(14)] int DayKey,
    [property: Id(15)] int MonthKey,
    [property: Id(16)] ImmutableArray<CaptureRecord> Captures,
    [property: Id(17)] long AvailableAfter,
    [property: Id(18)] string? RequestScope = null)
{
    /// <summary>What the hold still reserves: zero unless pending.</summary>
    public long Held => Status == AuthorizationStatus.Pending ? checked(Amount - Captured - Reversed) : 0;

    public bool IsApproved => Status != AuthorizationStatus.Declined;

    public Authorization ToView(string currency) => new(
        AuthorizationId,
        GrantId,
        Status,
        IsApproved ? Decision.Approved : Decision.Declined,
        Reason,
        new Money(Amount, currency),
        new Money(Captured, currency),
        new Money(Reversed, currency),
        new Money(Refunded, currency),
        new Money(AvailableAfter, currency),
        CreatedAt,
        IsApproved ? ExpiresAt : null,
        Captures.Select(capture => capture.ToView(AuthorizationId, currency)).ToArray());
}

/// <summary>
/// One capture. <see cref="Forced"/> is the part posted beyond the hold (over-capture within tolerance, or a late
/// capture after expiry); <see cref="OverLimit"/> is true when the capture took the line over its limit. <see cref="PlanId"/>
/// is the installment plan it went on, if any (once set, never cleared: a capture is on one plan at most).
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.CaptureRecord")]
public sealed record CaptureRecord(
    [property: Id(0)] string CaptureId,
    [property: Id(1)] long Amount,
    [property: Id(2)] bool OverLimit,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] long Refunded,
    [property: Id(5)] int Refunds,
    [property: Id(6)] long Forced = 0,
    [property: Id(7)] string? PlanId = null)
{
    /// <summary>Captured less refunded: the principal a plan on it would take.</summary>
    public long Remaining => checked(Amount - Refunded);

    public Capture ToView(string authorizationId, string currency) =>
        new(CaptureId, authorizationId, new Money(Amount, currency), OverLimit, CreatedAt, new Money(Refunded, currency));
}
