using Azure;
using Azure.Data.Tables;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Records;

/// <summary>
/// The record table, Azure Table <c>{prefix}records</c>. A record is split into binary properties of at most 64 KiB
/// (Azure's limit per property); an entity holds at most 1 MiB, which <see cref="SharedRecordStorage.RecordBytesMax"/>
/// keeps records under.
/// </summary>
public sealed class TableRecordRows(IOptions<SwitchStorageOptions> storage) : IRecordRows
{
    /// <summary>Changes per entity-group transaction (Azure's limit).</summary>
    public const int TransactionRowsMax = 100;
    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = new TableServiceClient(storage.Value.ConnectionString).GetTableClient(TableName(storage.Value));
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        return client;
    });

    public static string TableName(SwitchStorageOptions storage) => storage.NamePrefix + "records";

    public async Task<IReadOnlyList<string?>> Submit(string partition, IReadOnlyList<RecordWrite> changes, CancellationToken cancellationToken = default)
    {
        var client = await table.Value.ConfigureAwait(false);
        var actions = changes.Select(change => change.Change switch
        {
            RecordChange.Create => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(change)),
            RecordChange.Replace => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(change), new ETag(change.ETag!)),
            _ => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(change.Partition, change.RowKey), new ETag(change.ETag!)),
        }).ToList();
        try
        {
            var answers = await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return [.. changes.Select((change, index) => change.Change == RecordChange.Delete ? null
                : answers.Value[index].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table did not return a record's new ETag."))];
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 404 or 409 or 412 && failed.FailedTransactionActionIndex is { } index && index < changes.Count)
        {
            throw new RecordRefusedException(index, failed);
        }
    }

    public async Task<StoredRecord?> Read(string partition, string rowKey, CancellationToken cancellationToken = default)
    {
        var client = await table.Value.ConfigureAwait(false);
        var found = await client.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue)
        {
            return null;
        }

        return new StoredRecord(BinaryProperties.Get(found.Value!), found.Value!.ETag.ToString());
    }

    private static TableEntity ToEntity(RecordWrite change) => BinaryProperties.Put(new TableEntity(change.Partition, change.RowKey), change.Data);
}
