namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Makes a line's decisions durable in batches: one journal write carries every change made while the previous write
/// was in flight, and every caller in the batch is answered after that write succeeds. Data flows one way: it takes the
/// batch from the book and hands it to the store; it never calls back into the grain. A failed or unknown write poisons
/// it: every waiting and later caller gets a retryable outcome-unknown error, and <see cref="Failed"/> tells the grain to
/// drop its activation, so nothing decided on top of an unconfirmed write is ever acknowledged.
/// Runs on the grain's single-threaded scheduler, so it needs no locks.
/// </summary>
public sealed class GroupCommitter(AccountBook book, IAccountStore store)
{
    private readonly int queueMax = book.Options.CommitQueueMax;
    private readonly int batchRequestsMax = book.Options.BatchRequestsMax;
    private TaskCompletionSource? room;
    private TaskCompletionSource? next;
    private Task? inFlight;
    private int waitingNext;
    private int waitingInFlight;
    private Exception? failure;

    public bool Failed => failure is not null;

    /// <summary>True when it failed because another activation of the line wrote (this one is stale, or its write was fenced).</summary>
    public bool Stale => failure is CommitLog.JournalFencedException;

    /// <summary>Completes when every change made so far (and every write already started) is durable.</summary>
    public Task WhenDurable()
    {
        if (failure is not null)
        {
            return Task.FromException(Unknown());
        }

        if (!book.HasChanges && next is null)
        {
            if (inFlight is null)
            {
                return Task.CompletedTask;
            }

            waitingInFlight++;
            return inFlight;
        }

        waitingNext++;
        if (next is { } batch)
        {
            return batch.Task;
        }

        batch = next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (inFlight is null)
        {
            // Flush runs synchronously up to its first await and takes this batch with it.
            _ = Flush();
        }

        return batch.Task;
    }

    /// <summary>
    /// Proves that this activation is still the line's latest writer before it answers from its state alone with
    /// something that writes nothing (not_found): a stale activation (one that loaded before another activation's
    /// acknowledged write) must never deny what was acknowledged. A stale one is poisoned like a failed write, so the
    /// caller gets a retryable outcome-unknown error and the grain drops the activation; the retry meets a fresh one.
    /// </summary>
    public async Task ConfirmCurrent()
    {
        if (failure is not null)
        {
            throw Unknown();
        }

        bool current;
        try
        {
            current = await store.IsCurrent();
        }
        catch (Exception exception)
        {
            throw new OutcomeUnknownException(NotConfirmed, exception);
        }

        if (!current)
        {
            failure ??= new CommitLog.JournalFencedException(book.Header.AccountId);
            throw new OutcomeUnknownException(NotConfirmed);
        }
    }

    /// <summary>
    /// Waits until the next batch has room, so that one journal entry never carries more than the batch limit.
    /// Requests decide only once they are admitted.
    /// </summary>
    public async ValueTask WaitForRoom()
    {
        while (failure is null && next is not null && waitingNext >= batchRequestsMax)
        {
            room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await room.Task;
        }

        EnsureCapacity();
    }

    /// <summary>Refuses new work when too many callers already wait for durability (backpressure), or after a failure.</summary>
    public void EnsureCapacity()
    {
        if (failure is not null)
        {
            throw Unknown();
        }

        var waiting = waitingNext + waitingInFlight;
        if (waiting >= queueMax)
        {
            throw new SwitchOverloadedException($"This credit line has {waiting} requests waiting to be made durable; retry with backoff and the same idempotency key.");
        }
    }

    private async Task Flush()
    {
        while (next is { } batch)
        {
            next = null;
            waitingInFlight = waitingNext;
            waitingNext = 0;
            inFlight = batch.Task;
            var changes = book.TakeChanges();
            Telemetry.SwitchMetrics.RecordBatch("line_entry", waitingInFlight);

            // The book is exactly at this version now, so a full image taken here is consistent with the entry.
            var image = store.WantsSnapshot(changes.Version) ? book.ToImage() : null;
            room?.TrySetResult();
            room = null;
            try
            {
                await store.Write(changes, image);
            }
            catch (Exception exception)
            {
                failure = exception;
                batch.TrySetException(Unknown());
                next?.TrySetException(Unknown());
                next = null;
                inFlight = null;
                room?.TrySetResult();
                return;
            }

            waitingInFlight = 0;
            batch.TrySetResult();
        }

        inFlight = null;
    }

    private const string NotConfirmed = "The switch could not confirm this credit line's current state, so it did not answer; nothing took effect. Retry with the same idempotency key.";

    private static OutcomeUnknownException Unknown() =>
        new("The switch could not confirm that this request was stored. Retry with the same idempotency key; the retry returns the original result if it took effect.");
}
