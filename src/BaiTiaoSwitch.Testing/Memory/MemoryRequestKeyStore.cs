using BaiTiaoSwitch.RequestKeys;

namespace BaiTiaoSwitch.Testing.Memory;

/// <summary>
/// The channels' idempotency-key namespaces in memory, with the guarantees of <see cref="ShardedRequestKeyStore"/>: a
/// claim is insert-only (two activations or two silos can never both claim one key), a key another owner holds is
/// refused, and an answer is kept only on its owner's claim. One instance is shared by every silo of a cluster.
/// Claims are kept for the cluster's life: no sweep runs (a test cluster lives minutes, the retention is days).
/// </summary>
public sealed class MemoryRequestKeyStore : IRequestKeyStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Channel, string Key), KeyRecord> claims = [];

    /// <summary>How many keys are claimed, across every channel.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return claims.Count;
            }
        }
    }

    public Task<KeyClaim> Claim(string channel, string key, string owner, string fingerprint, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (claims.TryGetValue((channel, key), out var existing))
            {
                return Task.FromResult(existing.Owner == owner
                    ? new KeyClaim(KeyClaimOutcome.AlreadyYours, existing.Fingerprint)
                    : new KeyClaim(KeyClaimOutcome.UsedElsewhere, null));
            }

            claims[(channel, key)] = new KeyRecord(owner, fingerprint, null);
            return Task.FromResult(new KeyClaim(KeyClaimOutcome.Claimed, fingerprint));
        }
    }

    public Task StoreAnswers(IReadOnlyList<KeyAnswer> answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        lock (gate)
        {
            foreach (var answer in answers)
            {
                if (claims.TryGetValue((answer.Channel, answer.Key), out var existing))
                {
                    // Only the owner's own claim gains the answer; another owner's claim is never touched.
                    if (existing.Owner == answer.Owner)
                    {
                        claims[(answer.Channel, answer.Key)] = existing with { Answer = answer.Answer };
                    }
                }
                else if (!answer.Claimed)
                {
                    claims[(answer.Channel, answer.Key)] = new KeyRecord(answer.Owner, "", answer.Answer);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<byte[]?> FindAnswer(string channel, string key, string owner, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(claims.TryGetValue((channel, key), out var claim) && claim.Owner == owner ? claim.Answer : null);
        }
    }

    private sealed record KeyRecord(string Owner, string Fingerprint, byte[]? Answer);
}
