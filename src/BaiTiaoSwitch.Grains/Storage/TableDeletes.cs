using Azure.Data.Tables;

namespace BaiTiaoSwitch.Storage;

/// <summary>
/// Sweeps delete in entity-group transactions of one partition (at most 100 rows each). This submits what a sweep has
/// gathered and empties the list for the next partition.
/// </summary>
public static class TableDeletes
{
    public static async Task<int> SubmitAndClear(TableClient client, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await client.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
