namespace BaiTiaoSwitch.Accounts;

// The shared tables' group commit: the commit log, the record table and the reminder table, each sharded into
// partitions whose writes are packed across grains into entity-group transactions.
public sealed partial class SwitchOptions
{
    /// <summary>
    /// Shard partitions of the commit log; a line's journal lives in one of them, by a stable hash of its id. Fewer make
    /// bigger transactions across lines; more spread the write rate (an Azure Table partition serves about 2,000
    /// entities/s). Never change it on live data: a line's journal is found in its shard.
    /// </summary>
    public int CommitLogShards { get; set; } = 4;

    /// <summary>How long the commit log lets entries gather while a transaction of their shard is in flight.</summary>
    public TimeSpan CommitLogLinger { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Transactions of one partition (a commit-log shard or a key namespace) in flight at once, per silo. One makes the
    /// most of batching, which is what a store that charges per transaction (Azurite) wants; more cut latency where
    /// transactions are cheap and partitions many.
    /// </summary>
    public int CommitLogInFlightMax { get; set; } = 1;

    /// <summary>Bytes of entries one transaction carries at most (Azure Table: 4 MiB per entity-group transaction).</summary>
    public long CommitLogTransactionBytesMax { get; set; } = 3_500_000;

    /// <summary>
    /// Shard partitions of the record table (cards, grants, index entries: <c>SharedRecordStorage</c>); a record lives in
    /// one of them, by a stable hash of its grain id. One (the default) packs the most into each transaction, which a
    /// store that charges per request (Azurite) wants; on Azure, where a partition serves about 2,000 entities/s, a
    /// cluster sets more (<c>deploy/k8s/silo.yaml</c>). Never change it on live data: a record is found in its shard.
    /// </summary>
    public int RecordShards { get; set; } = 1;

    /// <summary>How long record writes gather while a transaction of their shard is in flight.</summary>
    public TimeSpan RecordLinger { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Transactions of one record shard in flight at once, per silo.</summary>
    public int RecordInFlightMax { get; set; } = 1;

    /// <summary>Bytes of records one transaction carries at most (Azure Table: 4 MiB per entity-group transaction).</summary>
    public long RecordTransactionBytesMax { get; set; } = 3_500_000;

    /// <summary>
    /// Shard partitions of the reminder table (<c>SharedReminderTable</c>), each a contiguous range of grain hashes. One
    /// (the default) packs the most into each transaction; a cluster on Azure sets more, as for <see cref="RecordShards"/>.
    /// Never change it on live data: a reminder is found in its shard.
    /// </summary>
    public int ReminderShards { get; set; } = 1;

    /// <summary>How long reminder changes gather while a transaction of their shard is in flight.</summary>
    public TimeSpan ReminderLinger { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Transactions of one reminder shard in flight at once, per silo.</summary>
    public int ReminderInFlightMax { get; set; } = 1;
}
