using Azure;
using Azure.Data.Tables;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// Claims in one Azure Table, <c>{prefix}requestkeys</c>: partition <c>{serviceId}~{channel}~{shard}</c> (a service's own,
/// as all Orleans storage is; <c>RequestKeyShards</c> of them per channel, so a channel's keys spread over
/// partitions yet claims made at once share transactions), row key = the key itself (its characters are all legal there). A claim is an insert, batched per
/// partition (<see cref="PartitionClaims"/>); "already exists" is read back to tell the owner apart.
/// </summary>
public sealed class TableRequestKeyStore(IOptions<SwitchStorageOptions> storage, IOptions<Orleans.Configuration.ClusterOptions> cluster, IOptions<Accounts.SwitchOptions> options, TimeProvider clock, IGrainFactory grains)
    : IRequestKeyStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> sweeps = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PartitionClaims> partitions = new(StringComparer.Ordinal);
    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = new TableServiceClient(storage.Value.ConnectionString).GetTableClient(TableName(storage.Value));
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        return client;
    });

    public static string TableName(SwitchStorageOptions options) => options.NamePrefix + "requestkeys";

    /// <summary>Partitions of one channel's namespace (<c>SwitchOptions.RequestKeyShards</c>).</summary>
    public int ShardCount => options.Value.RequestKeyShards;

    /// <summary>Claims are group-committed with the commit log's linger and transactions in flight; a claim row is small.</summary>
    private BatchSettings Batching => new(100, 1_000_000, (int)options.Value.CommitLogLinger.TotalMilliseconds, options.Value.CommitLogInFlightMax);

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
        return await partitions.GetOrAdd(entity.PartitionKey, _ => new PartitionClaims(client, Batching)).Make(entity, owner).ConfigureAwait(false);
    }

    public async Task StoreAnswers(IReadOnlyList<KeyAnswer> answers, CancellationToken cancellationToken = default)
    {
        var client = await table.Value.ConfigureAwait(false);
        foreach (var partition in answers.Where(answer => answer.Claimed).GroupBy(answer => PartitionOf(answer.Channel, answer.Key)))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                // Merge into claims this owner made: the claim stays as it was and gains the answer.
                await client.SubmitTransactionAsync(chunk.Select(answer => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                    new TableEntity(partition.Key, answer.Key) { ["Answer"] = answer.Answer }, ETag.All)).ToList(), cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var answer in answers.Where(answer => !answer.Claimed))
        {
            await StoreUnclaimed(client, answer, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<byte[]?> FindAnswer(string channel, string key, string owner, CancellationToken cancellationToken = default)
    {
        var client = await table.Value.ConfigureAwait(false);
        var found = await client.GetEntityIfExistsAsync<TableEntity>(PartitionOf(channel, key), key, ["Owner", "Answer"], cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value!.GetString("Owner") == owner ? found.Value.GetBinary("Answer") : null;
    }

    /// <summary>Claims the key for the answer's owner, or adds the answer to the owner's claim; another owner's claim is left alone.</summary>
    private async Task StoreUnclaimed(TableClient client, KeyAnswer answer, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(answer.Channel, answer.Key);
        try
        {
            await client.AddEntityAsync(new TableEntity(partition, answer.Key)
            {
                ["Owner"] = answer.Owner,
                ["Fingerprint"] = "",
                ["ClaimedAt"] = answer.CreatedAt,
                ["Answer"] = answer.Answer,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            var claim = (await client.GetEntityAsync<TableEntity>(partition, answer.Key, ["Owner"], cancellationToken).ConfigureAwait(false)).Value;
            if (claim.GetString("Owner") == answer.Owner)
            {
                await client.UpdateEntityAsync(new TableEntity(partition, answer.Key) { ["Answer"] = answer.Answer }, claim.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
        }
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
                deleted += await TableDeletes.SubmitAndClear(client, batch, cancellationToken).ConfigureAwait(false);
                if (deleted >= countMax)
                {
                    return deleted;
                }
            }
        }

        return deleted + await TableDeletes.SubmitAndClear(client, batch, cancellationToken).ConfigureAwait(false);
    }
}
