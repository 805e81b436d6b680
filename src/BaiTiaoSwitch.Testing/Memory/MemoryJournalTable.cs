using BaiTiaoSwitch.CommitLog;

namespace BaiTiaoSwitch.Testing.Memory;

/// <summary>
/// The commit log's table in memory, with the guarantees of <see cref="TableJournal"/>: an append stores all of its
/// rows or none, every head move is conditional on the head's ETag (a stale activation is fenced), an entry is
/// inserted only once, and rows come back in version order. One instance is shared by every silo of a cluster.
/// </summary>
public sealed class MemoryJournalTable : IJournalTable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SortedDictionary<string, byte[]>> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Partition, string AccountId), JournalHead> heads = [];
    private long etags;

    public Task<IReadOnlyList<string>> Append(string partition, IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        lock (gate)
        {
            var rows = Rows(partition);

            // Check every condition before changing anything: the transaction is all or none.
            foreach (var append in appends)
            {
                if (appends.Count(other => other.AccountId == append.AccountId) > 1)
                {
                    // Azure Table refuses a transaction that touches one entity (the line's head) twice.
                    throw new InvalidOperationException($"One transaction appends to line {append.AccountId} twice; Azure Table would refuse it.");
                }

                var moved = heads.TryGetValue((partition, append.AccountId), out var head)
                    ? append.HeadETag != head.ETag
                    : append.HeadETag is not null;
                if (moved || rows.ContainsKey(append.Entry.RowKey))
                {
                    throw new JournalFencedException(append.AccountId);
                }
            }

            var written = new List<string>(appends.Count);
            foreach (var append in appends)
            {
                rows[append.Entry.RowKey] = append.Entry.Data.ToArray();
                var head = new JournalHead(append.Version, "W/\"" + (++etags).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"");
                heads[(partition, append.AccountId)] = head;
                written.Add(head.ETag);
            }

            return Task.FromResult<IReadOnlyList<string>>(written);
        }
    }

    public Task<JournalHead?> ReadHead(string partition, string accountId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(heads.TryGetValue((partition, accountId), out var head) ? head : null);
        }
    }

    public async IAsyncEnumerable<JournalRow> Read(string partition, string accountId, long fromVersion, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var from = JournalRow.RowKeyOf(accountId, fromVersion);
        var to = JournalRow.HeadKeyOf(accountId);
        List<JournalRow> found;
        lock (gate)
        {
            found = [.. Rows(partition)
                .Where(row => string.CompareOrdinal(row.Key, from) >= 0 && string.CompareOrdinal(row.Key, to) < 0)
                .Select(row => new JournalRow(partition, row.Key, row.Value))];
        }

        foreach (var row in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task Delete(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rowKeys);
        lock (gate)
        {
            var rows = Rows(partition);
            foreach (var key in rowKeys)
            {
                rows.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    private SortedDictionary<string, byte[]> Rows(string partition)
    {
        if (!entries.TryGetValue(partition, out var rows))
        {
            rows = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            entries[partition] = rows;
        }

        return rows;
    }
}
