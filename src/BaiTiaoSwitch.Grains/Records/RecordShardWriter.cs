using BaiTiaoSwitch.Storage;
using Orleans.Storage;

namespace BaiTiaoSwitch.Records;

/// <summary>
/// Group commit across grains for one partition of the record table (<see cref="PartitionBatcher{TItem,TResult}"/>): a
/// transaction carries up to 100 record changes of many grains. A change refused by its condition (a stale writer, a
/// create of a record that exists) fails alone, as Orleans' <see cref="InconsistentStateException"/>, and the others
/// go again; any other failure fails every change of the transaction (their grains answer outcome_unknown).
/// </summary>
internal sealed class RecordShardWriter(IRecordRows rows, string partition, BatchSettings settings)
    : PartitionBatcher<RecordWrite, string?>(settings)
{
    /// <summary>Makes the change durable; returns the record's new ETag (null once deleted).</summary>
    public Task<string?> Write(RecordWrite change) => Enqueue(change);

    protected override string StoreName => "records";

    protected override long SizeOf(RecordWrite item) => item.Data.Length + item.RowKey.Length;

    protected override string KeyOf(RecordWrite item) => item.RowKey;

    protected override Task Submit(List<Pending> batch) => SubmitRefusalsAlone(
        batch,
        pending => rows.Submit(partition, pending.Select(item => item.Item).ToList()),
        exception => (exception as RecordRefusedException)?.Index,
        (pending, refused) => pending.Done.TrySetException(new InconsistentStateException(
            $"The record {pending.Item.RowKey} was refused: {Refusal(pending.Item.Change)}.", null, pending.Item.ETag, refused)));

    private static string Refusal(RecordChange change) => change == RecordChange.Create
        ? "it exists already"
        : "it changed or was deleted since its writer read it";
}
