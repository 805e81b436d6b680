using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.CommitLog;

/// <summary>
/// Group commit across lines for one partition of the commit log (<see cref="PartitionBatcher{TItem,TResult}"/>): a
/// transaction carries up to 50 appends, each a line's entry and the move of its head. When one line is fenced
/// (another activation moved its head), that append alone fails and the others go again; any other failure fails
/// every append of the transaction (their lines drop their activations and answer outcome_unknown).
/// </summary>
internal sealed class ShardCommitter(IJournalTable table, string partition, BatchSettings settings)
    : PartitionBatcher<JournalAppend, string>(settings)
{
    /// <summary>Makes the append durable; returns the line's new head ETag.</summary>
    public Task<string> Append(JournalAppend append) => Enqueue(append);

    protected override string StoreName => "commit_log";

    protected override long SizeOf(JournalAppend item) => item.Entry.Data.Length;

    protected override string KeyOf(JournalAppend item) => item.AccountId;

    protected override Task Submit(List<Pending> batch) => SubmitRefusalsAlone(
        batch,
        pending => table.Append(partition, pending.Select(item => item.Item).ToList()),
        exception => exception is JournalFencedException fenced ? batch.FindIndex(pending => pending.Item.AccountId == fenced.AccountId) : null,
        (pending, fenced) => pending.Done.TrySetException(fenced));
}
