namespace BaiTiaoSwitch.CommitLog;

/// <summary>
/// Where the commit log keeps its rows: one Azure Table, written in entity-group transactions (one partition, up to
/// 100 rows and 4 MiB each). The storage boundary of the commit log, so tests can put faults in front of it.
/// </summary>
public interface IJournalTable
{
    /// <summary>
    /// Inserts every row in one transaction: all or none. A row that exists fails the transaction with
    /// <see cref="JournalRowExistsException"/> naming it; nothing of the transaction is stored then.
    /// </summary>
    Task Insert(string partition, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken = default);

    /// <summary>The rows of one line from <paramref name="fromVersion"/> on, in version order (one range query).</summary>
    IAsyncEnumerable<JournalRow> Read(string partition, string accountId, long fromVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes rows of one partition (in transactions of up to 100); a row already gone is not an error.</summary>
    Task Delete(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken = default);
}
