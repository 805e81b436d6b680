using Azure;
using Azure.Data.Tables;
using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// Group commit for the key claims of one table partition (<see cref="PartitionBatcher{TItem,TResult}"/>): the claims
/// made at once go in one entity-group transaction of inserts. A key that already exists fails its whole transaction; it
/// is resolved on its own (read back: this owner's, or another's) and the rest go again.
/// </summary>
internal sealed class PartitionClaims(TableClient table, BatchSettings settings) : PartitionBatcher<PartitionClaims.Claim, KeyClaim>(settings)
{
    public Task<KeyClaim> Make(TableEntity entity, string owner) => Enqueue(new Claim(entity, owner));

    protected override string StoreName => "request_keys";

    protected override long SizeOf(Claim item) => 256;

    protected override string KeyOf(Claim item) => item.Entity.RowKey;

    protected override async Task Submit(List<Pending> batch)
    {
        while (batch.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(claim => new TableTransactionAction(TableTransactionActionType.Add, claim.Item.Entity)).ToList()).ConfigureAwait(false);
                batch.ForEach(claim => claim.Done.TrySetResult(new KeyClaim(KeyClaimOutcome.Claimed, claim.Item.Entity.GetString("Fingerprint"))));
                return;
            }
            catch (TableTransactionFailedException failed) when (failed.Status == 409 && failed.FailedTransactionActionIndex is { } index && index < batch.Count)
            {
                var taken = batch[index];
                batch.RemoveAt(index);
                await Resolve(taken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The key exists: it is this owner's (an earlier attempt) or someone else's.</summary>
    private async Task Resolve(Pending claim)
    {
        try
        {
            var existing = (await table.GetEntityAsync<TableEntity>(claim.Item.Entity.PartitionKey, claim.Item.Entity.RowKey).ConfigureAwait(false)).Value;
            claim.Done.TrySetResult(existing.GetString("Owner") == claim.Item.Owner
                ? new KeyClaim(KeyClaimOutcome.AlreadyYours, existing.GetString("Fingerprint"))
                : new KeyClaim(KeyClaimOutcome.UsedElsewhere, null));
        }
        catch (RequestFailedException exception)
        {
            claim.Done.TrySetException(exception);
        }
    }

    internal sealed record Claim(TableEntity Entity, string Owner);
}
