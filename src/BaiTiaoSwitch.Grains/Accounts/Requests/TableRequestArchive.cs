using Azure;
using Azure.Data.Tables;
using BaiTiaoSwitch.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Cold key records in one Azure Table, <c>{prefix}requestarchive</c>: partition <c>{serviceId}~{accountId}</c>, so a
/// line's records go in entity-group transactions of up to 100 and are swept partition by partition; row key = the
/// record's scope with its separator made legal in a row key. The record itself is in Orleans' binary format.
/// </summary>
public sealed class TableRequestArchive(IOptions<SwitchStorageOptions> storage, IOptions<Orleans.Configuration.ClusterOptions> cluster, Serializer serializer)
    : IRequestArchive
{
    private const int TransactionMax = 100;
    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = new TableServiceClient(storage.Value.ConnectionString).GetTableClient(storage.Value.NamePrefix + "requestarchive");
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        return client;
    });

    public async Task Put(string accountId, IReadOnlyList<IdempotencyRecord> records)
    {
        var client = await table.Value.ConfigureAwait(false);
        foreach (var chunk in records.Chunk(TransactionMax))
        {
            // Upserts, so a move that is repeated after a failure writes the same rows again.
            await client.SubmitTransactionAsync(chunk.Select(record => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition(accountId), RowKey(record.Scope))
            {
                ["CreatedAt"] = record.CreatedAt,
                ["Record"] = serializer.SerializeToArray(record),
            })).ToList()).ConfigureAwait(false);
        }
    }

    public async Task<IdempotencyRecord?> Find(string accountId, string scope)
    {
        var client = await table.Value.ConfigureAwait(false);
        var found = await client.GetEntityIfExistsAsync<TableEntity>(Partition(accountId), RowKey(scope), ["Record"]).ConfigureAwait(false);
        return found.HasValue ? serializer.Deserialize<IdempotencyRecord>(found.Value!.GetBinary("Record")) : null;
    }

    public async Task<int> Sweep(string accountId, DateTimeOffset cutoff, int countMax)
    {
        var client = await table.Value.ConfigureAwait(false);
        var partition = Partition(accountId);
        var old = client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and CreatedAt lt {cutoff}"), select: ["PartitionKey", "RowKey"]);
        var doomed = new List<TableEntity>();
        await foreach (var entity in old.ConfigureAwait(false))
        {
            doomed.Add(entity);
            if (doomed.Count >= countMax)
            {
                break;
            }
        }

        foreach (var chunk in doomed.Chunk(TransactionMax))
        {
            await client.SubmitTransactionAsync(chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All)).ToList()).ConfigureAwait(false);
        }

        return doomed.Count;
    }

    private string Partition(string accountId) => cluster.Value.ServiceId + "~" + accountId;

    /// <summary>A scope is "{channel}\u001f{key}", both of [A-Za-z0-9_-]; control characters are not allowed in a row key.</summary>
    private static string RowKey(string scope) => scope.Replace('\u001f', '~');
}
