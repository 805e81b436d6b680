namespace BaiTiaoSwitch.Payments;

/// <summary>
/// One payment's hold and its life. <c>Amount</c> is everything ever authorized (with increments);
/// the hold still open is <c>Amount − Captured − Reversed</c> while <c>Status</c> is pending.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.Authorization")]
public sealed record Authorization(
    [property: Id(0)] string AuthorizationId,
    [property: Id(1)] string GrantId,
    [property: Id(2)] AuthorizationStatus Status,
    [property: Id(3)] Decision Decision,
    [property: Id(4)] DeclineReason? Reason,
    [property: Id(5)] Money Amount,
    [property: Id(6)] Money Captured,
    [property: Id(7)] Money Reversed,
    [property: Id(8)] Money Refunded,
    [property: Id(9)] Money AvailableCredit,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset? ExpiresAt,
    [property: Id(12)] IReadOnlyList<Capture> Captures)
{
    public bool IsApproved => Decision == Decision.Approved;

    /// <summary>
    /// The idempotency key the SDK sent with the request that answered this (it generates one when the caller gave
    /// none), so that the caller can retry with it. Filled in by the SDK; never serialized (no [Id]).
    /// </summary>
    [field: NonSerialized]
    public string? IdempotencyKey { get; init; }
}

[GenerateSerializer, Immutable, Alias("bts.Capture")]
public sealed record Capture(
    [property: Id(0)] string CaptureId,
    [property: Id(1)] string AuthorizationId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] bool OverLimit,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] Money Refunded)
{
    /// <summary>
    /// The idempotency key the SDK sent with the request that answered this (it generates one when the caller gave
    /// none), so that the caller can retry with it. Filled in by the SDK; never serialized (no [Id]).
    /// </summary>
    [field: NonSerialized]
    public string? IdempotencyKey { get; init; }
}

[GenerateSerializer, Immutable, Alias("bts.Refund")]
public sealed record Refund(
    [property: Id(0)] string RefundId,
    [property: Id(1)] string CaptureId,
    [property: Id(2)] Money Amount,
    [property: Id(3)] DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The idempotency key the SDK sent with the request that answered this (it generates one when the caller gave
    /// none), so that the caller can retry with it. Filled in by the SDK; never serialized (no [Id]).
    /// </summary>
    [field: NonSerialized]
    public string? IdempotencyKey { get; init; }
}
