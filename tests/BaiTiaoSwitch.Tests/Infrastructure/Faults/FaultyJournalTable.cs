using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Tests.Infrastructure.Faults;

/// <summary>
/// The commit log's table under the same faults, holds and watchers as the other stores (store name
/// <see cref="StorageNames.Journal"/>). One decision per transaction, as storage fails a whole transaction; its target
/// names every row in it, so a test's target "the rows of this line" hits the transactions that carry them. A conflict
/// is the real one: the first line of the transaction is fenced.
/// </summary>
public sealed class FaultyJournalTable(IJournalTable inner, StorageFaults faults) : IJournalTable
{
    public Task<IReadOnlyList<string>> Append(string partition, IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default) =>
        faults.Around(
            StorageNames.Journal,
            string.Join(' ', appends.Select(append => append.Entry.RowKey)),
            () => inner.Append(partition, appends, cancellationToken),
            forgetOutcome: null,
            conflict: () => new JournalFencedException(appends[0].AccountId));

    public Task<JournalHead?> ReadHead(string partition, string accountId, CancellationToken cancellationToken = default)
    {
        faults.PointRead(StorageNames.Journal, accountId);
        return inner.ReadHead(partition, accountId, cancellationToken);
    }

    public IAsyncEnumerable<JournalRow> Read(string partition, string accountId, long fromVersion, CancellationToken cancellationToken = default)
    {
        faults.RangeRead(StorageNames.Journal, accountId);
        return inner.Read(partition, accountId, fromVersion, cancellationToken);
    }

    public Task Delete(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken = default) =>
        inner.Delete(partition, rowKeys, cancellationToken);
}
