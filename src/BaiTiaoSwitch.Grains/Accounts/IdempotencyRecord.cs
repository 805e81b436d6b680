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
}

/// <summary>The original answer to one (channel, key). A replay with the same fingerprint returns it.</summary>
[GenerateSerializer, Immutable, Alias("bts.IdempotencyRecord")]
public sealed record IdempotencyRecord(
    [property: Id(0)] string Scope,
    [property: Id(1)] OperationKind Kind,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] Authorization? Authorization,
    [property: Id(5)] Capture? Capture,
    [property: Id(6)] Refund? Refund)
{
    public static string ScopeOf(string channel, string key) => channel + "\u001f" + key;
}
