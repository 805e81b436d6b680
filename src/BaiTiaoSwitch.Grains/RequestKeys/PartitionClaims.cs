using Azure;
using Azure.Data.Tables;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// Group commit for the key claims of one table partition: the first claim is inserted at once; claims that arrive
/// while a transaction is in flight go together in the next one (an entity-group transaction of up to 100 inserts).
/// A key that already exists fails its whole transaction; it is resolved on its own (read back) and the rest go again.
/// Thread-safe: claims come from many grains at once.
/// </summary>
internal sealed class PartitionClaims(TableClient table)
{
    private const int TransactionMax = 100;
    private readonly object gate = new();
    private readonly List<Pending> waiting = [];
    private bool flushing;

    public Task<KeyClaim> Claim(TableEntity entity, string owner)
    {
        var pending = new Pending(entity, owner);
        lock (gate)
        {
            waiting.Add(pending);
            if (flushing)
            {
                return pending.Answer.Task;
            }

            flushing = true;
        }

        _ = Flush();
        return pending.Answer.Task;
    }

    private async Task Flush()
    {
        while (Next() is { Count: > 0 } batch)
        {
            await Submit(batch).ConfigureAwait(false);
        }
    }

    /// <summary>The next transaction: up to 100 claims, one per key (a second claim of a key waits for the next one).</summary>
    private List<Pending> Next()
    {
        lock (gate)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var batch = new List<Pending>();
            for (var i = 0; i < waiting.Count && batch.Count < TransactionMax; i++)
            {
                if (keys.Add(waiting[i].Entity.RowKey))
                {
                    batch.Add(waiting[i]);
                }
            }

            waiting.RemoveAll(batch.Contains);
            flushing = batch.Count > 0;
            return batch;
        }
    }

    private async Task Submit(List<Pending> batch)
    {
        while (batch.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(claim => new TableTransactionAction(TableTransactionActionType.Add, claim.Entity)).ToList()).ConfigureAwait(false);
                batch.ForEach(claim => claim.Answer.TrySetResult(new KeyClaim(KeyClaimOutcome.Claimed, claim.Entity.GetString("Fingerprint"))));
                return;
            }
            catch (TableTransactionFailedException failed) when (failed.Status == 409 && failed.FailedTransactionActionIndex is { } index && index < batch.Count)
            {
                var taken = batch[index];
                batch.RemoveAt(index);
                await Resolve(taken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                batch.ForEach(claim => claim.Answer.TrySetException(exception));
                return;
            }
        }
    }

    /// <summary>The key exists: it is this owner's (an earlier attempt) or someone else's.</summary>
    private async Task Resolve(Pending claim)
    {
        try
        {
            var existing = (await table.GetEntityAsync<TableEntity>(claim.Entity.PartitionKey, claim.Entity.RowKey).ConfigureAwait(false)).Value;
            claim.Answer.TrySetResult(existing.GetString("Owner") == claim.Owner
                ? new KeyClaim(KeyClaimOutcome.AlreadyYours, existing.GetString("Fingerprint"))
                : new KeyClaim(KeyClaimOutcome.UsedElsewhere, null));
        }
        catch (RequestFailedException exception)
        {
            claim.Answer.TrySetException(exception);
        }
    }

    private sealed record Pending(TableEntity Entity, string Owner)
    {
        public TaskCompletionSource<KeyClaim> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
