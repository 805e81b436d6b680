using System.Collections.Concurrent;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace BaiTiaoSwitch.Records;

/// <summary>
/// Orleans grain storage for the small records of a line's setup (cards, grants, and the card-number and wallet-token
/// index entries), packed across grains into one Azure Table entity-group transaction per shard partition
/// (<see cref="RecordShardWriter"/>). Setting up a line wrote five of them, each its own blob request, which made
/// them most of setup's storage requests. A record belongs to a shard by a stable hash of its grain id, on every silo,
/// so any silo reads it with one point read. Every write is conditional on the ETag its writer last saw (none: create
/// only), so a stale or second activation is refused as Orleans' <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class SharedRecordStorage(IRecordRows rows, IOptions<SwitchOptions> options, IOptions<ClusterOptions> cluster, Serializer serializer) : IGrainStorage
{
    /// <summary>A record's serialized bytes at most: an Azure Table entity holds 1 MiB, keys and property names included.</summary>
    public const int RecordBytesMax = 960 * 1024;

    private readonly ConcurrentDictionary<string, RecordShardWriter> shards = new(StringComparer.Ordinal);
    private readonly BatchSettings settings = new(TableRecordRows.TransactionRowsMax, options.Value.RecordTransactionBytesMax,
        (int)options.Value.RecordLinger.TotalMilliseconds, options.Value.RecordInFlightMax);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (partition, rowKey) = Locate(stateName, grainId);
        var found = await rows.Read(partition, rowKey).ConfigureAwait(false);
        (grainState.State, grainState.ETag, grainState.RecordExists) = found is null
            ? (Activator.CreateInstance<T>(), null, false)
            : (serializer.Deserialize<T>(found.Data), found.ETag, true);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.SerializeToArray(grainState.State);
        if (data.Length > RecordBytesMax)
        {
            throw new InvalidOperationException($"The '{stateName}' record of {grainId} is {data.Length:N0} bytes; a record holds at most {RecordBytesMax:N0}. Nothing was written.");
        }

        var (partition, rowKey) = Locate(stateName, grainId);
        var change = string.IsNullOrEmpty(grainState.ETag) ? RecordChange.Create : RecordChange.Replace;
        grainState.ETag = await Shard(partition).Write(new RecordWrite(change, partition, rowKey, data, grainState.ETag)).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // A record this activation never saw stored has nothing to delete.
        if (!string.IsNullOrEmpty(grainState.ETag))
        {
            var (partition, rowKey) = Locate(stateName, grainId);
            await Shard(partition).Write(new RecordWrite(RecordChange.Delete, partition, rowKey, [], grainState.ETag)).ConfigureAwait(false);
        }

        (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
    }

    /// <summary>The record's partition and row key.</summary>
    public (string Partition, string RowKey) Locate(string stateName, GrainId grainId)
    {
        var id = grainId.ToString();
        return ($"{cluster.Value.ServiceId}~{ShardHash.Shard(id, options.Value.RecordShards):D2}", RowKeyOf(stateName, id));
    }

    /// <summary>The state name and the grain id, escaped so that distinct ids stay distinct keys (<see cref="TableKeys"/>).</summary>
    public static string RowKeyOf(string stateName, string grainId) => TableKeys.Join(stateName, grainId);

    private RecordShardWriter Shard(string partition) => shards.GetOrAdd(partition, name => new RecordShardWriter(rows, name, settings));
}
