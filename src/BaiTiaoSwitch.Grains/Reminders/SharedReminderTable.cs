using System.Collections.Concurrent;
using Azure.Data.Tables;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace BaiTiaoSwitch.Reminders;

/// <summary>
/// Orleans' reminder table on Azure Table <c>{prefix}reminderrows</c>, with upserts and deletes of many grains packed into
/// one entity-group transaction per shard partition (<see cref="ReminderShardWriter"/>). Orleans' own Azure table
/// keeps each grain's reminders in a partition of their own, so every registration was one request: one of a line's
/// setup requests. A shard holds a contiguous range of grain hashes, so a silo reads its ring range from the shards
/// that overlap it. Semantics are Orleans': an upsert is unconditional, a delete is conditional on the ETag.
/// </summary>
public sealed class SharedReminderTable(IOptions<SwitchStorageOptions> storage, IOptions<SwitchOptions> options, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private readonly ConcurrentDictionary<string, ReminderShardWriter> shards = new(StringComparer.Ordinal);
    private readonly BatchSettings settings = new(100, 3_500_000, (int)options.Value.ReminderLinger.TotalMilliseconds, options.Value.ReminderInFlightMax);
    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = new TableServiceClient(storage.Value.ConnectionString).GetTableClient(TableName(storage.Value));
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        return client;
    });

    private string ServiceId => cluster.Value.ServiceId;

    /// <summary>Every row of this service: its shards, and nothing of another service sharing the table.</summary>
    private string AllRows => $"PartitionKey ge '{PartitionOf(0)}' and PartitionKey le '{PartitionOf(uint.MaxValue)}'";

    public static string TableName(SwitchStorageOptions storage) => storage.NamePrefix + "reminderrows";

    public Task StartAsync(CancellationToken cancellationToken = default) => table.Value;

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var prefix = TableKeys.Join(grainId.ToString()) + "|";
        return await Query($"PartitionKey eq '{PartitionOf(grainId.GetUniformHashCode())}' and RowKey ge '{Quoted(prefix)}' and RowKey lt '{Quoted(prefix[..^1] + "}")}'").ConfigureAwait(false);
    }

    /// <summary>The rows whose grain hash is in the ring range (begin, end]; all of them when begin equals end.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => begin < end
        ? Query(InRange(begin, end))
        : Query(begin == end ? AllRows : $"({InRange(begin, uint.MaxValue)}) or ({InRange(-1, end)})");

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var client = await table.Value.ConfigureAwait(false);
        var found = await client.GetEntityIfExistsAsync<TableEntity>(PartitionOf(grainId.GetUniformHashCode()), RowKeyOf(grainId, reminderName)).ConfigureAwait(false);
        return found.HasValue ? ToEntry(found.Value!) : null;
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var hash = entry.GrainId.GetUniformHashCode();
        var row = new TableEntity(PartitionOf(hash), RowKeyOf(entry.GrainId, entry.ReminderName))
        {
            ["GrainId"] = entry.GrainId.ToString(),
            ["Name"] = entry.ReminderName,
            ["StartAt"] = new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)),
            ["PeriodTicks"] = entry.Period.Ticks,
            ["Hash"] = (long)hash,
        };
        var shard = await Shard(row.PartitionKey).ConfigureAwait(false);
        return await shard.Write(new ReminderChange(row, null)).ConfigureAwait(false);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var row = new TableEntity(PartitionOf(grainId.GetUniformHashCode()), RowKeyOf(grainId, reminderName));
        return await (await Shard(row.PartitionKey).ConfigureAwait(false)).Write(new ReminderChange(row, eTag)).ConfigureAwait(false) is not null;
    }

    public async Task TestOnlyClearTable()
    {
        var client = await table.Value.ConfigureAwait(false);
        foreach (var row in (await Query(AllRows).ConfigureAwait(false)).Reminders)
        {
            await client.DeleteEntityAsync(PartitionOf(row.GrainId.GetUniformHashCode()), RowKeyOf(row.GrainId, row.ReminderName)).ConfigureAwait(false);
        }
    }

    /// <summary>The shard partition of a grain hash: <c>ReminderShards</c> contiguous ranges of the ring.</summary>
    public string PartitionOf(uint hash) => $"{ServiceId}~{(int)(((ulong)hash * (ulong)options.Value.ReminderShards) >> 32):D3}";

    private static string RowKeyOf(GrainId grainId, string reminderName) => TableKeys.Join(grainId.ToString(), reminderName);

    private static string Quoted(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    /// <summary>Rows whose grain hash is above <paramref name="after"/> (-1: from 0) and at most <paramref name="upTo"/>, in the shards that hold them.</summary>
    private string InRange(long after, uint upTo) =>
        $"PartitionKey ge '{PartitionOf((uint)Math.Max(after, 0))}' and PartitionKey le '{PartitionOf(upTo)}' and Hash gt {after}L and Hash le {(long)upTo}L";

    private async Task<ReminderTableData> Query(string filter)
    {
        var client = await table.Value.ConfigureAwait(false);
        var rows = new List<ReminderEntry>();
        await foreach (var row in client.QueryAsync<TableEntity>(filter).ConfigureAwait(false))
        {
            rows.Add(ToEntry(row));
        }

        return new ReminderTableData(rows);
    }

    private static ReminderEntry ToEntry(TableEntity row) => new()
    {
        GrainId = GrainId.Parse(row.GetString("GrainId")),
        ReminderName = row.GetString("Name"),
        StartAt = row.GetDateTimeOffset("StartAt")!.Value.UtcDateTime,
        Period = TimeSpan.FromTicks(row.GetInt64("PeriodTicks")!.Value),
        ETag = row.ETag.ToString(),
    };

    private async Task<ReminderShardWriter> Shard(string partition)
    {
        var client = await table.Value.ConfigureAwait(false);
        return shards.GetOrAdd(partition, _ => new ReminderShardWriter(client, settings));
    }
}
