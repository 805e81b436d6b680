namespace BaiTiaoSwitch.CommitLog;

/// <summary>
/// Where the commit log keeps its rows: Azure Tables (one per shard), written in entity-group transactions (one partition, up to
/// 100 operations and 4 MiB each). The storage boundary of the commit log, so tests can put faults in front of it.
/// </summary>
public interface IJournalTable
{
    /// <summary>
    /// Stores every append in one transaction, all or none: each inserts its entry and moves its line's head,
    /// conditional on the head's ETag. Returns each line's new head ETag, in order. An append whose head moved (or whose
    /// entry exists) fails the transaction with <see cref="JournalFencedException"/> naming its line; nothing is stored.
    /// </summary>
    Task<IReadOnlyList<string>> Append(string partition, IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default);

    /// <summary>The line's head, or null when the line has never written.</summary>
    Task<JournalHead?> ReadHead(string partition, string accountId, CancellationToken cancellationToken = default);

    /// <summary>The rows of one line from <paramref name="fromVersion"/> on, in version order (one range query).</summary>
    IAsyncEnumerable<JournalRow> Read(string partition, string accountId, long fromVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes entry rows of one partition (in transactions of up to 100); a row already gone is not an error.</summary>
    Task Delete(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken = default);
}
