namespace BaiTiaoSwitch.Storage;

/// <summary>The bounds of one partition's group commit.</summary>
public sealed record BatchSettings(int ItemsMax, long BytesMax, int LingerMilliseconds, int InFlightMax);

/// <summary>
/// Group commit for one Azure Table partition (an entity-group transaction holds one partition's rows): an item goes
/// at once when nothing is in flight; otherwise items gather until a transaction is full or the oldest has waited the
/// linger time, and up to <c>InFlightMax</c> transactions run at once. A transaction holds one item per key. What a
/// transaction does with a refusal of one of its items is the subclass's (<see cref="Submit"/>).
/// Thread-safe: every grain of the silo that writes to the partition enqueues here.
/// </summary>
public abstract class PartitionBatcher<TItem, TResult>(BatchSettings settings)
{
    private readonly object gate = new();
    private readonly List<Pending> waiting = [];
    private long waitingBytes;
    private int inFlight;
    private bool lingering;

    /// <summary>Makes the item durable with the next transaction it fits in.</summary>
    public Task<TResult> Enqueue(TItem item)
    {
        var pending = new Pending(item, Environment.TickCount64, SizeOf(item));
        lock (gate)
        {
            waiting.Add(pending);
            waitingBytes += pending.Bytes;
        }

        Pump();
        return pending.Done.Task;
    }

    /// <summary>The store's name in the switch's metrics (<see cref="Telemetry.SwitchMetrics"/>): batch sizes and write latency.</summary>
    protected abstract string StoreName { get; }

    protected abstract long SizeOf(TItem item);

    /// <summary>The item's row key: a transaction holds each row once.</summary>
    protected abstract string KeyOf(TItem item);

    /// <summary>Stores the batch and completes every item of it, with a result or an exception.</summary>
    protected abstract Task Submit(List<Pending> batch);

    /// <summary>
    /// Stores the batch with <paramref name="submit"/> (one result per item, in order). When it throws because one item
    /// was refused (<paramref name="refusedIndex"/> finds which), that item alone is settled by <paramref name="refuse"/>
    /// and the rest go again; any other failure fails them all (<see cref="Run"/>).
    /// </summary>
    protected static async Task SubmitRefusalsAlone(List<Pending> batch, Func<List<Pending>, Task<IReadOnlyList<TResult>>> submit,
        Func<Exception, int?> refusedIndex, Action<Pending, Exception> refuse)
    {
        while (batch.Count > 0)
        {
            try
            {
                var results = await submit(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }

                return;
            }
            catch (Exception exception) when (refusedIndex(exception) is { } index && index >= 0 && index < batch.Count)
            {
                refuse(batch[index], exception);
                batch.RemoveAt(index);
            }
        }
    }

    /// <summary>Starts every transaction that is due; the lock is held only to choose them.</summary>
    private void Pump()
    {
        var due = new List<List<Pending>>();
        lock (gate)
        {
            while (waiting.Count > 0 && inFlight < settings.InFlightMax)
            {
                var full = waiting.Count >= settings.ItemsMax || waitingBytes >= settings.BytesMax;
                var waitedEnough = Environment.TickCount64 - waiting[0].EnqueuedAt >= settings.LingerMilliseconds;
                if (!full && !waitedEnough && inFlight > 0)
                {
                    Linger();
                    break;
                }

                inFlight++;
                due.Add(Take());
            }
        }

        foreach (var batch in due)
        {
            _ = Run(batch);
        }
    }

    /// <summary>Up to the item and byte bounds, oldest first, one item per key (a second one waits for the next).</summary>
    private List<Pending> Take()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<Pending>();
        long bytes = 0;
        foreach (var pending in waiting)
        {
            if (batch.Count >= settings.ItemsMax || (batch.Count > 0 && bytes + pending.Bytes > settings.BytesMax))
            {
                break;
            }

            if (keys.Add(KeyOf(pending.Item)))
            {
                batch.Add(pending);
                bytes += pending.Bytes;
            }
        }

        waiting.RemoveAll(batch.Contains);
        waitingBytes -= bytes;
        return batch;
    }

    /// <summary>Called with the lock held: one timer at a time brings the lingering items back when they are due.</summary>
    private void Linger()
    {
        if (lingering)
        {
            return;
        }

        lingering = true;
        _ = Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, settings.LingerMilliseconds))).ContinueWith(_ =>
        {
            lock (gate)
            {
                lingering = false;
            }

            Pump();
        }, TaskScheduler.Default);
    }

    private async Task Run(List<Pending> batch)
    {
        Telemetry.SwitchMetrics.RecordBatch(StoreName, batch.Count);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            await Submit(batch).ConfigureAwait(false);
            succeeded = true;
        }
        catch (Exception exception)
        {
            batch.ForEach(pending => pending.Done.TrySetException(exception));
        }
        finally
        {
            Telemetry.SwitchMetrics.RecordStorageWrite(StoreName, System.Diagnostics.Stopwatch.GetElapsedTime(started), succeeded);
            lock (gate)
            {
                inFlight--;
            }

            Pump();
        }
    }

    protected sealed class Pending(TItem item, long enqueuedAt, long bytes)
    {
        public TItem Item { get; } = item;

        public long EnqueuedAt { get; } = enqueuedAt;

        public long Bytes { get; } = bytes;

        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
