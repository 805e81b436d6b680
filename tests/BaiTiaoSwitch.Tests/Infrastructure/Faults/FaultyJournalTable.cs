using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Tests.Infrastructure.Faults;

/// <summary>
/// The commit log's table under the same faults, holds and watchers as the other stores (store name
/// <see cref="StorageNames.Journal"/>). One decision per transaction, as storage fails a whole transaction; its target
/// names every row in it, so a test's target "the rows of this line" hits the transactions that carry them. A conflict
/// is the real one: the first matching row "already exists".
/// </summary>
public sealed class FaultyJournalTable(IJournalTable inner, StorageFaults faults) : IJournalTable
{
    public Task Insert(string partition, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken = default) =>
        faults.Around(
            StorageNames.Journal,
            string.Join(' ', rows.Select(row => row.RowKey)),
            async () =>
            {
                await inner.Insert(partition, rows, cancellationToken);
                return true;
            },
            forgetOutcome: null,
            conflict: () => new JournalRowExistsException(rows[0].RowKey));

    public IAsyncEnumerable<JournalRow> Read(string partition, string accountId, long fromVersion, CancellationToken cancellationToken = default) =>
        inner.Read(partition, accountId, fromVersion, cancellationToken);

    public Task Delete(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken = default) =>
        inner.Delete(partition, rowKeys, cancellationToken);
}
