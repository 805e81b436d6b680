using Azure;
using Azure.Data.Tables;
using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Reminders;

/// <summary>One change of a reminder row: an unconditional upsert (as Orleans' reminder tables do), or a delete conditional on an ETag.</summary>
internal sealed record ReminderChange(TableEntity Row, string? DeleteETag);

/// <summary>
/// Group commit across grains for one partition of the reminder table (<see cref="PartitionBatcher{TItem,TResult}"/>): a
/// transaction carries up to 100 reminder changes. An upsert's result is the row's new ETag. A delete whose ETag no
/// longer matches (or whose row is gone) is refused alone with the result null, and the others go again; any other
/// failure fails every change of the transaction.
/// </summary>
internal sealed class ReminderShardWriter(TableClient table, BatchSettings settings) : PartitionBatcher<ReminderChange, string?>(settings)
{
    /// <summary>The result of a delete that was made.</summary>
    public const string Deleted = "";

    public Task<string?> Write(ReminderChange change) => Enqueue(change);

    protected override string StoreName => "reminders";

    protected override long SizeOf(ReminderChange item) => 256;

    protected override string KeyOf(ReminderChange item) => item.Row.RowKey;

    protected override Task Submit(List<Pending> batch) => SubmitRefusalsAlone(
        batch,
        async pending =>
        {
            var answers = await table.SubmitTransactionAsync(pending.Select(change => change.Item.DeleteETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.Delete, change.Item.Row, new ETag(etag))
                : new TableTransactionAction(TableTransactionActionType.UpsertReplace, change.Item.Row)).ToList()).ConfigureAwait(false);
            return [.. pending.Select((change, index) => change.Item.DeleteETag is null
                ? answers.Value[index].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table did not return a reminder's new ETag.")
                : Deleted)];
        },
        exception => exception is TableTransactionFailedException { Status: 404 or 412, FailedTransactionActionIndex: { } index } && index < batch.Count && batch[index].Item.DeleteETag is not null ? index : null,
        (pending, _) => pending.Done.TrySetResult(null));
}
