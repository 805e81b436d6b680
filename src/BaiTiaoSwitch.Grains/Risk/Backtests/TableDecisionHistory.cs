using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// The decision history in Azure Table <c>{prefix}decisions</c>: partition <c>{serviceId}~{hour}~{shard}</c> (the
/// decision's hour by the switch's clock; <see cref="Shards"/> shards by line, so one hour is not one hot partition), row
/// key <c>{ticks}~{eventId}</c>, the event in Orleans' binary format. Recording is an upsert keyed by event id, so a
/// decision delivered twice is stored once; the rows of a partition from every consumer on the silo are group-committed
/// (<see cref="DecisionRows"/>: linger <see cref="BacktestOptions.HistoryLinger"/>, at most
/// <see cref="BacktestOptions.HistoryInFlightMax"/> transactions in flight per partition). Reading an hour reads its
/// shards and merges them into original order.
/// </summary>
public sealed class TableDecisionHistory(IOptions<SwitchStorageOptions> storage, IOptions<ClusterOptions> cluster, IOptions<BacktestOptions> options, Serializer serializer)
    : IDecisionHistory
{
    public const int Shards = 8;
    private readonly ConcurrentDictionary<string, DecisionRows> partitions = new(StringComparer.Ordinal);
    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = new TableServiceClient(storage.Value.ConnectionString).GetTableClient(storage.Value.NamePrefix + "decisions");
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        return client;
    });

    public async Task Record(IReadOnlyList<SwitchEvent> decisions, CancellationToken cancellationToken = default)
    {
        var client = await table.Value.ConfigureAwait(false);
        var writes = decisions.Where(recorded => recorded.Decision is not null)
            .Select(recorded => RowsOf(client, PartitionOf(recorded.At, recorded.AccountId), recorded.At)
                .Enqueue(new TableEntity(PartitionOf(recorded.At, recorded.AccountId), RowKeyOf(recorded)) { ["Event"] = serializer.SerializeToArray(recorded) }));
        await Task.WhenAll(writes).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The partition's batcher; those of hours before the one preceding <paramref name="at"/>'s are let go (their rows were written or are in flight).</summary>
    private DecisionRows RowsOf(TableClient client, string partition, DateTimeOffset at)
    {
        if (partitions.TryGetValue(partition, out var rows))
        {
            return rows;
        }

        if (partitions.Count >= Shards * 2)
        {
            var kept = Hour(at).AddHours(-1).UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
            foreach (var old in partitions.Keys.Where(key => string.CompareOrdinal(key.Split('~')[^2], kept) < 0))
            {
                partitions.TryRemove(old, out _);
            }
        }

        var settings = new BatchSettings(DecisionRows.TransactionRowsMax, DecisionRows.TransactionBytesMax, (int)options.Value.HistoryLinger.TotalMilliseconds, options.Value.HistoryInFlightMax);
        return partitions.GetOrAdd(partition, _ => new DecisionRows(client, settings));
    }

    public async IAsyncEnumerable<SwitchEvent> Read(DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = await table.Value.ConfigureAwait(false);
        for (var hour = Hour(from); hour < to; hour = hour.AddHours(1))
        {
            var shards = await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard => ReadPartition(client, PartitionOf(hour, shard), from, to, cancellationToken))).ConfigureAwait(false);
            foreach (var recorded in shards.SelectMany(rows => rows).OrderBy(recorded => recorded, OriginalOrder.Instance))
            {
                yield return recorded;
            }
        }
    }

    /// <summary>
    /// One range query over the service's partitions older than <paramref name="before"/>'s hour (hour partition keys sort
    /// by time), keys only, deleted as it goes in entity-group transactions of at most 100 rows of one partition. What is
    /// left is the progress: a sweep that stopped resumes at the oldest hour still stored, and rows recorded late into an
    /// hour already swept are found too.
    /// </summary>
    public async Task<int> Forget(DateTimeOffset before, int hoursMax, CancellationToken cancellationToken = default)
    {
        var client = await table.Value.ConfigureAwait(false);
        var first = $"{cluster.Value.ServiceId}~";
        var last = $"{cluster.Value.ServiceId}~{Hour(before).UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}";
        var old = client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey lt {last}"), select: ["PartitionKey", "RowKey"],
            cancellationToken: cancellationToken);
        var batch = new List<TableTransactionAction>(DecisionRows.TransactionRowsMax);
        var hours = new HashSet<string>(StringComparer.Ordinal);
        var deleted = 0;
        await foreach (var row in old.ConfigureAwait(false))
        {
            if (batch.Count > 0 && (batch.Count == DecisionRows.TransactionRowsMax || batch[0].Entity.PartitionKey != row.PartitionKey))
            {
                deleted += await TableDeletes.SubmitAndClear(client, batch, cancellationToken).ConfigureAwait(false);
            }

            if (hours.Add(row.PartitionKey.Split('~')[^2]) && hours.Count > hoursMax)
            {
                break;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
        }

        return deleted + await TableDeletes.SubmitAndClear(client, batch, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<SwitchEvent>> ReadPartition(TableClient client, string partition, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = new List<SwitchEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {Ticks(from)} and RowKey lt {Ticks(to)}");
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(serializer.Deserialize<SwitchEvent?>(entity.GetBinary("Event") ?? throw new InvalidOperationException($"Decision row {entity.RowKey} has no event.")) ?? throw new InvalidOperationException($"Decision row {entity.RowKey} is empty."));
        }

        return rows;
    }

    private string PartitionOf(DateTimeOffset at, string accountId) => PartitionOf(Hour(at), Storage.ShardHash.Shard(accountId, Shards));

    private string PartitionOf(DateTimeOffset hour, int shard) => $"{cluster.Value.ServiceId}~{hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}~{shard}";

    private static DateTimeOffset Hour(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static string RowKeyOf(SwitchEvent recorded) => Ticks(recorded.At) + "~" + recorded.EventId;
}

/// <summary>Original order: decision time, then line, then the line's journal version and place in the entry.</summary>
public sealed class OriginalOrder : IComparer<SwitchEvent>
{
    public static readonly OriginalOrder Instance = new();

    public int Compare(SwitchEvent? x, SwitchEvent? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var byTime = x.At.UtcTicks.CompareTo(y.At.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        var (xLine, xVersion, xIndex) = Parts(x.EventId);
        var (yLine, yVersion, yIndex) = Parts(y.EventId);
        var byLine = string.CompareOrdinal(xLine, yLine);
        return byLine != 0 ? byLine : xVersion != yVersion ? xVersion.CompareTo(yVersion) : xIndex.CompareTo(yIndex);
    }

    private static (string Line, long Version, int Index) Parts(string eventId)
    {
        var parts = eventId.Split('~');
        return parts.Length == 3 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var version) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var index)
            ? (parts[0], version, index)
            : (eventId, 0, 0);
    }
}
