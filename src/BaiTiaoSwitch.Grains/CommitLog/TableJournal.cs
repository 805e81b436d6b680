using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using BaiTiaoSwitch.Hosting;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.CommitLog;

/// <summary>
/// The commit log's rows, one Azure Table per shard (<c>{prefix}commitlog{shard}</c>, <c>commitlog00</c> to
/// <c>commitlog{CommitLogShards - 1}</c>). An entry is split into binary properties of at most 64 KiB (Azure's limit per
/// property); an entity holds at most 1 MiB, which <c>BatchRequestsMax</c> keeps entries under.
/// </summary>
/// <remarks>
/// A table per shard, not one for all: a transaction never spans shards anyway, and Azurite's tables are each one
/// in-memory collection whose updates and deletes cost time in proportion to the rows of the whole table (every
/// append moves its line's head, which is an update). On 10,000 lines those head updates took a third of Azurite's
/// core while the traffic ran on a single table (docs/benchmarks.md). On Azure a table costs nothing more.
/// </remarks>
public sealed class TableJournal(IOptions<SwitchStorageOptions> storage) : IJournalTable
{
    public const int TransactionRowsMax = 100;

    /// <summary>Appends per transaction: each is two operations (its entry and its line's head).</summary>
    public const int TransactionAppendsMax = TransactionRowsMax / 2;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<string>> Append(string partition, IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        var client = await TableOf(partition).ConfigureAwait(false);
        var actions = new List<TableTransactionAction>(appends.Count * 2);
        foreach (var append in appends)
        {
            var head = new TableEntity(partition, JournalRow.HeadKeyOf(append.AccountId)) { ["Version"] = append.Version };
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(append.Entry)));
            actions.Add(append.HeadETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, new ETag(etag))
                : new TableTransactionAction(TableTransactionActionType.Add, head));
        }

        try
        {
            var answers = await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return [.. Enumerable.Range(0, appends.Count).Select(index => answers.Value[(index * 2) + 1].Headers.ETag?.ToString()
                ?? throw new InvalidOperationException("The table did not return the head's new ETag."))];
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 409 or 412 && failed.FailedTransactionActionIndex is { } index && index / 2 < appends.Count)
        {
            throw new JournalFencedException(appends[index / 2].AccountId, failed);
        }
    }

    public async Task<JournalHead?> ReadHead(string partition, string accountId, CancellationToken cancellationToken = default)
    {
        var client = await TableOf(partition).ConfigureAwait(false);
        var head = await client.GetEntityIfExistsAsync<TableEntity>(partition, JournalRow.HeadKeyOf(accountId), ["Version"], cancellationToken).ConfigureAwait(false);
        return head.HasValue ? new JournalHead(head.Value!.GetInt64("Version") ?? 0, head.Value.ETag.ToString()) : null;
    }

    public async IAsyncEnumerable<JournalRow> Read(string partition, string accountId, long fromVersion, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = await TableOf(partition).ConfigureAwait(false);
        var from = JournalRow.RowKeyOf(accountId, fromVersion);
        var to = JournalRow.HeadKeyOf(accountId);
        var rows = client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}"), cancellationToken: cancellationToken);
        await foreach (var entity in rows.ConfigureAwait(false))
        {
            yield return new JournalRow(partition, entity.RowKey, Storage.BinaryProperties.Get(entity));
        }
    }

    public async Task Delete(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken = default)
    {
        var client = await TableOf(partition).ConfigureAwait(false);
        foreach (var chunk in rowKeys.Chunk(TransactionRowsMax))
        {
            try
            {
                await client.SubmitTransactionAsync(chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key), ETag.All)).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException failed) when (failed.Status == 404)
            {
                // A row of the chunk is already gone (an earlier pruning): delete the rest one by one.
                foreach (var key in chunk)
                {
                    try
                    {
                        await client.DeleteEntityAsync(partition, key, ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException gone) when (gone.Status == 404)
                    {
                    }
                }
            }
        }
    }

    /// <summary>The table of <paramref name="partition"/>'s shard (<c>{serviceId}~{shard}</c>): <c>{prefix}commitlog{shard}</c>.</summary>
    public static string TableNameOf(string namePrefix, string partition) => namePrefix + "commitlog" + partition[(partition.LastIndexOf('~') + 1)..];

    private async Task<TableClient> TableOf(string partition)
    {
        var name = TableNameOf(storage.Value.NamePrefix, partition);
        var table = tables.GetOrAdd(name, name => new Lazy<Task<TableClient>>(async () =>
        {
            var client = new TableServiceClient(storage.Value.ConnectionString).GetTableClient(name);
            await client.CreateIfNotExistsAsync().ConfigureAwait(false);
            return client;
        }));
        try
        {
            return await table.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed creation is not kept: the shard's next request tries again.
            tables.TryRemove(KeyValuePair.Create(name, table));
            throw;
        }
    }

    private static TableEntity ToEntity(JournalRow row) => Storage.BinaryProperties.Put(new TableEntity(row.Partition, row.RowKey), row.Data.Span);
}
