using System.Collections.Concurrent;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace BaiTiaoSwitch.CommitLog;

/// <summary>
/// The silo's commit log: every line's journal entries, packed across lines into one Azure Table entity-group
/// transaction per shard partition (<see cref="ShardCommitter"/>). A line belongs to a shard by a stable hash of its
/// id, on every silo, so its entries are found with one range query whichever silo wrote them. Rows are insert-only
/// and keyed by version: a second activation of a line can never write a version twice (split-brain fence).
/// </summary>
public sealed class SharedCommitLog(IJournalTable table, IOptions<SwitchOptions> options, IOptions<ClusterOptions> cluster, Serializer serializer)
{
    private readonly ConcurrentDictionary<string, ShardCommitter> shards = new(StringComparer.Ordinal);
    private readonly BatchSettings settings = new(TableJournal.TransactionAppendsMax, options.Value.CommitLogTransactionBytesMax,
        (int)options.Value.CommitLogLinger.TotalMilliseconds, options.Value.CommitLogInFlightMax);

    public string PartitionOf(string accountId) => $"{cluster.Value.ServiceId}~{ShardHash.Shard(accountId, options.Value.CommitLogShards):D2}";

    /// <summary>
    /// Makes <paramref name="entry"/> durable in its line's shard and moves the line's head to its version, conditional
    /// on <paramref name="headETag"/> (null: the line has no head yet). Returns the new head ETag and the entry's size.
    /// Throws <see cref="JournalFencedException"/> when another activation of the line wrote meanwhile.
    /// </summary>
    public async Task<(string HeadETag, int Bytes)> Append(string accountId, AccountImage entry, string? headETag)
    {
        var bytes = serializer.SerializeToArray(entry);
        var partition = PartitionOf(accountId);
        var row = new JournalRow(partition, JournalRow.RowKeyOf(accountId, entry.Version), bytes);
        var head = await shards.GetOrAdd(partition, name => new ShardCommitter(table, name, settings)).Append(new JournalAppend(accountId, entry.Version, row, headETag));
        return (head, bytes.Length);
    }

    /// <summary>The line's head (last version written, ETag), or null when it has never written.</summary>
    public Task<JournalHead?> ReadHead(string accountId, CancellationToken cancellationToken) => table.ReadHead(PartitionOf(accountId), accountId, cancellationToken);

    /// <summary>
    /// Applies the line's entries from <paramref name="fromVersion"/> on, in order, stopping at the first gap.
    /// Returns how many entries and how many bytes were read.
    /// </summary>
    public async Task<(int Entries, long Bytes)> Replay(string accountId, long fromVersion, Action<AccountImage> apply, CancellationToken cancellationToken)
    {
        var (entries, bytes, expected) = (0, 0L, fromVersion);
        await foreach (var row in table.Read(PartitionOf(accountId), accountId, fromVersion, cancellationToken))
        {
            var entry = serializer.Deserialize<AccountImage>(row.Data)!;
            if (entry.Version != expected)
            {
                break;
            }

            apply(entry);
            (entries, bytes, expected) = (entries + 1, bytes + row.Data.Length, expected + 1);
        }

        return (entries, bytes);
    }

    /// <summary>
    /// The events of the line's entries from <paramref name="fromVersion"/> through <paramref name="toVersion"/>, in
    /// order; entries already deleted are skipped (their events were published before they could be deleted).
    /// </summary>
    public async Task<List<(long Version, List<Events.SwitchEvent> Events)>> ReadEvents(string accountId, long fromVersion, long toVersion, CancellationToken cancellationToken)
    {
        var found = new List<(long, List<Events.SwitchEvent>)>();
        await foreach (var row in table.Read(PartitionOf(accountId), accountId, fromVersion, cancellationToken))
        {
            if (row.Version > toVersion)
            {
                break;
            }

            found.Add((row.Version, serializer.Deserialize<AccountImage>(row.Data)!.Events));
        }

        return found;
    }

    /// <summary>Deletes the line's entries from <paramref name="fromVersion"/> through <paramref name="toVersion"/>.</summary>
    public Task Delete(string accountId, long fromVersion, long toVersion) =>
        toVersion < fromVersion
            ? Task.CompletedTask
            : table.Delete(PartitionOf(accountId), [.. Enumerable.Range(0, checked((int)(toVersion - fromVersion + 1))).Select(offset => JournalRow.RowKeyOf(accountId, fromVersion + offset))]);
}
