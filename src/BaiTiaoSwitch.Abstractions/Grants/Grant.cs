using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Grants;

/// <summary>One card bound to one wallet channel. <see cref="WalletToken"/> is shown only to the owning channel.</summary>
[GenerateSerializer, Immutable, Alias("bts.Grant")]
public sealed record Grant(
    [property: Id(0)] string GrantId,
    [property: Id(1)] string Channel,
    [property: Id(2)] string CardId,
    [property: Id(3)] string AccountId,
    [property: Id(4)] string Last4,
    [property: Id(5)] GrantStatus Status,
    [property: Id(6)] string? WalletToken,
    [property: Id(7)] SpendLimits Limits,
    [property: Id(8)] IReadOnlyList<string> BlockedMccs,
    [property: Id(9)] IReadOnlyList<string> Scopes,
    [property: Id(10)] DateTimeOffset? ExpiresAt,
    [property: Id(11)] DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The idempotency key the SDK sent with the request that answered this (it generates one when the caller gave
    /// none), so that the caller can retry with it. Filled in by the SDK; never serialized (no [Id]).
    /// </summary>
    [field: NonSerialized]
    public string? IdempotencyKey { get; init; }

    public override string ToString() => $"Grant({GrantId}, {Channel}, {Status})";
}

/// <summary>What an issuer asks for when it makes a grant directly (no holder verification).</summary>
[GenerateSerializer, Immutable, Alias("bts.GrantRequest")]
public sealed record GrantRequest(
    [property: Id(0)] string Channel,
    [property: Id(1)] SpendLimits? Limits = null,
    [property: Id(2)] IReadOnlyList<string>? BlockedMccs = null,
    [property: Id(3)] IReadOnlyList<string>? Scopes = null,
    [property: Id(4)] DateTimeOffset? ExpiresAt = null);

/// <summary>Where a grant's payments go. Immutable once the grant exists, so it may be cached forever.</summary>
[GenerateSerializer, Immutable, Alias("bts.GrantRoute")]
public sealed record GrantRoute(
    [property: Id(0)] string GrantId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string CardId,
    [property: Id(3)] string Channel);
