namespace BaiTiaoSwitch.HttpEdge.Idempotency;

/// <summary>
/// The HTTP answer recorded for one (channel, Idempotency-Key), keyed <c>{channel}/{key}</c>. A replay with the same
/// fingerprint gets the stored status and body; another fingerprint is refused. Records are durable and kept for
/// the configured retention (at least 24 h). Only the channel that owns the record may touch it (as proven by its
/// caller token); anyone else gets not_found.
/// </summary>
public interface IHttpIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>Claims the key for a request with <paramref name="fingerprint"/>, or tells why it may not run.</summary>
    Task<IdempotencyClaim> Begin(string fingerprint);

    /// <summary>Stores the answer of the request that holds the claim. Only then is the claim released.</summary>
    Task Complete(string fingerprint, StoredResponse response);

    /// <summary>Drops an unfinished claim (the request failed without a definite answer), so a retry may run.</summary>
    Task Abandon(string fingerprint);
}

[GenerateSerializer, Alias("bts.IdempotencyClaimKind")]
public enum IdempotencyClaimKind
{
    /// <summary>The key is new (or its record expired): run the request, then Complete or Abandon.</summary>
    Claimed = 0,

    /// <summary>The same request already ran: answer with <see cref="IdempotencyClaim.Response"/>.</summary>
    Replay = 1,

    /// <summary>The key was used with another request.</summary>
    Conflict = 2,

    /// <summary>The same request is running right now; retry shortly with the same key.</summary>
    InProgress = 3,
}

[GenerateSerializer, Immutable, Alias("bts.IdempotencyClaim")]
public sealed record IdempotencyClaim(
    [property: Id(0)] IdempotencyClaimKind Kind,
    [property: Id(1)] StoredResponse? Response)
{
    public static readonly IdempotencyClaim Claimed = new(IdempotencyClaimKind.Claimed, null);
    public static readonly IdempotencyClaim Conflict = new(IdempotencyClaimKind.Conflict, null);
    public static readonly IdempotencyClaim InProgress = new(IdempotencyClaimKind.InProgress, null);
}

/// <summary>An HTTP answer as it was sent. The record grain encrypts the body at rest: it may hold a card number or a wallet token.</summary>
[GenerateSerializer, Immutable, Alias("bts.StoredResponse")]
public sealed record StoredResponse(
    [property: Id(0)] int Status,
    [property: Id(1)] string ContentType,
    [property: Id(2)] byte[] Body)
{
    public override string ToString() => $"StoredResponse({Status}, {Body.Length} bytes)";
}
