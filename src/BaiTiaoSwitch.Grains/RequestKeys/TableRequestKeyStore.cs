using Azure;
using Azure.Data.Tables;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// Claims in one Azure Table, <c>{prefix}requestkeys</c>: partition <c>{serviceId}~{channel}~{shard}</c> (a service's own,
/// as all Orleans storage is; 8 shards, so a channel's keys spread over partitions yet claims made at once share
/// transactions), row key = the key itself (its characters are all legal there). A claim is an insert, batched per
/// partition (<see cref="PartitionClaims"/>); "already exists" is read back to tell the owner apart.
/// </summary>
public sealed class TableRequestKeyStore(IOptions<SwitchStorageOptions> storage, IOptions<Orleans.Configuration.ClusterOptions> cluster, TimeProvider clock, IGrainFactory grains)
    : IRequestKeyStore
{
    public const int ShardCount = 8;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> sweeps = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PartitionClaims> partitions = new(StringComparer.Ordinal);
    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = new TableServiceClient(storage.Value.ConnectionString).GetTableClient(TableName(storage.Value));
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        return client;
    });

    public static string TableName(SwitchStorageOptions options) => options.NamePrefix + "requestkeys";

    public string PartitionOf(string channel, string key) => PartitionOf(channel, ShardHash.Shard(key, ShardCount));

    public string PartitionOf(string channel, int shard) => $"{cluster.Value.ServiceId}~{channel}~{shard:D2}";

    public async Task<KeyClaim> Claim(string channel, string key, string owner, string fingerprint, CancellationToken cancellationToken = default)
    {
        var client = await table.Value.ConfigureAwait(false);

        // Every channel that claims keys has its sweep, so its namespace stays bounded; asked once per silo process
        // (again after a failure).
        if (!sweeps.TryGetValue(channel, out var started) || started.IsFaulted)
        {
            sweeps[channel] = grains.GetGrain<IRequestKeySweepGrain>(channel).Start();
        }

        var entity = new TableEntity(PartitionOf(channel, key), key)
        {
            ["Owner"] = owner,
            ["Fingerprint"] = fingerprint,
            ["ClaimedAt"] = clock.GetUtcNow(),
        };
        return await partitions.GetOrAdd(entity.PartitionKey, _ => new PartitionClaims(client)).Claim(entity, owner).ConfigureAwait(false);
    }

    /// <summary>Deletes the claims of one partition made before <paramref name="cutoff"/>, in batches of 100. Returns how many.</summary>
    public async Task<int> Sweep(string partition, DateTimeOffset cutoff, int countMax, CancellationToken cancellationToken = default)
    {
        var client = await table.Value.ConfigureAwait(false);
        var old = client.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and ClaimedAt lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        var batch = new List<TableTransactionAction>(100);
        var deleted = 0;
        await foreach (var entity in old.ConfigureAwait(false))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
            if (batch.Count == 100 || deleted + batch.Count >= countMax)
            {
                deleted += await Submit(client, batch, cancellationToken).ConfigureAwait(false);
                if (deleted >= countMax)
                {
                    return deleted;
                }
            }
        }

        return deleted + await Submit(client, batch, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> Submit(TableClient client, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await client.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
