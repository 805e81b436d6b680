namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Idempotency of one line: find a request's record or claim its key, in one synchronous step. A claim is a
/// placeholder in memory (never journaled) that a concurrent duplicate finds and waits on, so between "not seen yet"
/// and "recorded" no second request with that key can take effect. Records leave after <c>IdempotencyRetention</c>.
/// </summary>
public sealed class RequestRecords(AccountBook book)
{
    // Made with the first claim and let go with the last: an idle line holds no claim, and kept an empty map (176 B).
    private Dictionary<string, RequestClaim>? claims;
    private readonly Queue<(DateTimeOffset CreatedAt, string Scope)> byAge = new();

    /// <summary>Requests whose key is claimed and whose decision has not been recorded yet.</summary>
    public int Claimed => claims?.Count ?? 0;

    /// <summary>
    /// The record of <paramref name="scope"/>, or the claim another request holds on it, or a new claim for this
    /// request. A record or claim of another kind or with another fingerprint throws <c>idempotency_key_reused</c>.
    /// </summary>
    public RequestLookup FindOrClaim(string scope, OperationKind kind, string fingerprint)
    {
        if (book.Requests.Find(scope) is { } record)
        {
            return Replays(record, kind, fingerprint) ? new RequestLookup(record, null, null) : throw Reused();
        }

        if (claims?.GetValueOrDefault(scope) is { } held)
        {
            return held.Kind == kind && held.Fingerprint == fingerprint ? new RequestLookup(null, held.Settled.Task, null) : throw Reused();
        }

        var claim = new RequestClaim(scope, kind, fingerprint);
        (claims ??= new(StringComparer.Ordinal))[scope] = claim;
        return new RequestLookup(null, null, claim);
    }

    /// <summary>
    /// True when a request of <paramref name="kind"/> with <paramref name="fingerprint"/> is answered by
    /// <paramref name="record"/>: the same request again, or the late authorization a tombstone waits for.
    /// </summary>
    public static bool Replays(IdempotencyRecord record, OperationKind kind, string fingerprint) =>
        (record.Kind == kind && record.Fingerprint == fingerprint) || (record.Kind == OperationKind.Tombstone && kind == OperationKind.Authorize);

    public static IdempotencyKeyReusedException Reused() =>
        new("This idempotency key was already used by this channel for a different request; use a new key for a new request.");

    /// <summary>Completes when no request holds a claim on <paramref name="scope"/> (at once when none does).</summary>
    public Task WhenSettled(string scope) => claims?.GetValueOrDefault(scope) is { } held ? held.Settled.Task : Task.CompletedTask;

    public bool IsClaimed(string scope) => claims?.ContainsKey(scope) ?? false;

    /// <summary>Turns a claim into its record, in the same synchronous step as the decision it records.</summary>
    public void Record(RequestClaim claim, IdempotencyRecord record)
    {
        Put(record);
        book.CountRequest();
        Settle(claim);
    }

    /// <summary>Records an answer without a claim of its own (the tombstone a reversal by key leaves on the original key).</summary>
    public void Put(IdempotencyRecord record)
    {
        book.Requests.Set(record.Scope, record);
        byAge.Enqueue((record.CreatedAt, record.Scope));
    }

    /// <summary>Drops a claim whose request ended without an answer (a retryable failure): the key stays free.</summary>
    public void Abandon(RequestClaim claim) => Settle(claim);

    /// <summary>Removes records older than the retention, oldest first, at most <paramref name="countMax"/>. Returns how many.</summary>
    public int Prune(DateTimeOffset now, int countMax = int.MaxValue)
    {
        var pruned = 0;
        while (pruned < countMax && byAge.TryPeek(out var oldest) && oldest.CreatedAt + book.Options.IdempotencyRetention <= now)
        {
            byAge.Dequeue();
            if (book.Requests.Find(oldest.Scope) is { } record && record.CreatedAt == oldest.CreatedAt && book.Requests.Remove(oldest.Scope))
            {
                pruned++;
            }
        }

        return pruned;
    }

    /// <summary>
    /// The oldest records that should leave hot state for the request archive: older than <c>IdempotencyHotWindow</c>,
    /// or beyond <c>IdempotencyHotMax</c>; at most <paramref name="countMax"/>. They stay until <see cref="Moved"/>.
    /// </summary>
    public IReadOnlyList<IdempotencyRecord> ColdDue(DateTimeOffset now, int countMax)
    {
        var beyond = book.Requests.Count - book.Options.IdempotencyHotMax;
        var due = new List<IdempotencyRecord>();
        foreach (var (createdAt, scope) in byAge)
        {
            if (due.Count >= countMax || (due.Count >= beyond && createdAt + book.Options.IdempotencyHotWindow > now))
            {
                break;
            }

            if (book.Requests.Find(scope) is { } record && record.CreatedAt == createdAt)
            {
                due.Add(record);
            }
        }

        return due;
    }

    /// <summary>Removes from hot state the records <see cref="ColdDue"/> gave, now that the archive holds them.</summary>
    public void Moved(IReadOnlyList<IdempotencyRecord> moved)
    {
        var scopes = moved.Select(record => record.Scope).ToHashSet(StringComparer.Ordinal);
        while (scopes.Count > 0 && byAge.TryPeek(out var oldest))
        {
            byAge.Dequeue();
            if (scopes.Remove(oldest.Scope) && book.Requests.Find(oldest.Scope) is { } record && record.CreatedAt == oldest.CreatedAt)
            {
                book.Requests.Remove(oldest.Scope);
            }
        }
    }

    /// <summary>Rebuilds the age order after the records were loaded from storage.</summary>
    public void IndexLoaded()
    {
        byAge.Clear();
        foreach (var record in book.Requests.Values.Values.OrderBy(record => record.CreatedAt))
        {
            byAge.Enqueue((record.CreatedAt, record.Scope));
        }
    }

    private void Settle(RequestClaim claim)
    {
        if (claims?.GetValueOrDefault(claim.Scope) == claim)
        {
            claims.Remove(claim.Scope);
            if (claims.Count == 0)
            {
                claims = null;
            }
        }

        claim.Settled.TrySetResult();
    }

}

/// <summary>A key claimed by a request that is still being decided.</summary>
public sealed class RequestClaim(string scope, OperationKind kind, string fingerprint)
{
    public string Scope { get; } = scope;

    public OperationKind Kind { get; } = kind;

    public string Fingerprint { get; } = fingerprint;

    public TaskCompletionSource Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>One of three: the key's record (replay it), a claim to wait for (then look again), or this request's own claim.</summary>
public readonly record struct RequestLookup(IdempotencyRecord? Record, Task? InFlight, RequestClaim? Claim);
