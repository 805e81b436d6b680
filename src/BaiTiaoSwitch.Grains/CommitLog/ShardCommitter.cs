namespace BaiTiaoSwitch.CommitLog;

/// <summary>
/// Group commit across lines for one partition of the commit log. A row goes at once when nothing is in flight;
/// otherwise rows gather until a transaction is full (100 rows or the byte bound) or the oldest has waited the linger
/// time, and up to <c>inFlightMax</c> transactions run at once. A transaction is all or nothing: when one of its rows
/// already exists (a second activation of that line wrote it), that row alone fails and the others go again; any other
/// failure fails every row of it (their lines drop their activations and answer outcome_unknown).
/// Thread-safe: every silo-local line of the shard appends here.
/// </summary>
internal sealed class ShardCommitter(IJournalTable table, string partition, CommitLogSettings settings)
{
    private readonly object gate = new();
    private readonly List<Pending> waiting = [];
    private long waitingBytes;
    private int inFlight;
    private bool lingering;

    public Task Append(JournalRow row)
    {
        var pending = new Pending(row, Environment.TickCount64);
        lock (gate)
        {
            waiting.Add(pending);
            waitingBytes += row.Data.Length;
        }

        Pump();
        return pending.Stored.Task;
    }

    /// <summary>Starts every transaction that is due; the lock is held only to choose them.</summary>
    private void Pump()
    {
        var due = new List<List<Pending>>();
        lock (gate)
        {
            while (waiting.Count > 0 && inFlight < settings.InFlightMax)
            {
                var full = waiting.Count >= settings.RowsMax || waitingBytes >= settings.BytesMax;
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
            _ = Submit(batch);
        }
    }

    private List<Pending> Take()
    {
        var batch = new List<Pending>();
        long bytes = 0;
        while (waiting.Count > batch.Count && batch.Count < settings.RowsMax && (batch.Count == 0 || bytes + waiting[batch.Count].Row.Data.Length <= settings.BytesMax))
        {
            bytes += waiting[batch.Count].Row.Data.Length;
            batch.Add(waiting[batch.Count]);
        }

        waiting.RemoveRange(0, batch.Count);
        waitingBytes -= bytes;
        return batch;
    }

    /// <summary>Called with the lock held: one timer at a time brings the lingering rows back when they are due.</summary>
    private void Linger()
    {
        if (lingering)
        {
            return;
        }

        lingering = true;
        _ = Task.Delay(TimeSpan.FromMilliseconds(settings.LingerMilliseconds)).ContinueWith(_ =>
        {
            lock (gate)
            {
                lingering = false;
            }

            Pump();
        }, TaskScheduler.Default);
    }

    private async Task Submit(List<Pending> batch)
    {
        try
        {
            while (batch.Count > 0)
            {
                try
                {
                    await table.Insert(partition, batch.Select(pending => pending.Row).ToList()).ConfigureAwait(false);
                    batch.ForEach(pending => pending.Stored.TrySetResult());
                    return;
                }
                catch (JournalRowExistsException exists) when (batch.FindIndex(pending => pending.Row.RowKey == exists.RowKey) is var index and >= 0)
                {
                    batch[index].Stored.TrySetException(exists);
                    batch.RemoveAt(index);
                }
            }
        }
        catch (Exception exception)
        {
            batch.ForEach(pending => pending.Stored.TrySetException(exception));
        }
        finally
        {
            lock (gate)
            {
                inFlight--;
            }

            Pump();
        }
    }

    private sealed record Pending(JournalRow Row, long EnqueuedAt)
    {
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The bounds of one shard's group commit, from <c>SwitchOptions</c>.</summary>
internal sealed record CommitLogSettings(int RowsMax, long BytesMax, int LingerMilliseconds, int InFlightMax);
