using Azure.Data.Tables;
using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// Group commit for the decision history's rows of one table partition (<see cref="PartitionBatcher{TItem,TResult}"/>,
/// as the commit log's shards and the key namespaces): the decisions every stream consumer of the silo records for the
/// partition gather into entity-group transactions of upserts (at most 100 rows), so the history costs one table
/// request per transaction, not one per decision. Upserts keyed by event id make a row delivered twice one row.
/// </summary>
internal sealed class DecisionRows(TableClient table, BatchSettings settings) : PartitionBatcher<TableEntity, bool>(settings)
{
    /// <summary>An entity-group transaction holds at most 100 rows.</summary>
    public const int TransactionRowsMax = 100;

    /// <summary>An entity-group transaction's payload is at most 4 MiB; a row is kept well under it.</summary>
    public const long TransactionBytesMax = 3_500_000;

    protected override string StoreName => "decisions";

    protected override long SizeOf(TableEntity item) => (item.GetBinary("Event")?.Length ?? 0) + 256;

    protected override string KeyOf(TableEntity item) => item.RowKey;

    protected override async Task Submit(List<Pending> batch)
    {
        await table.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row.Item)).ToList()).ConfigureAwait(false);
        batch.ForEach(row => row.Done.TrySetResult(true));
    }
}
