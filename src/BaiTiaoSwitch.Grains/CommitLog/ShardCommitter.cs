namespace BaiTiaoSwitch.CommitLog;

/// <summary>
/// Group commit across lines for one partition of the commit log. An append goes at once when nothing is in flight;
/// otherwise appends gather until a transaction is full (50 appends, each an entry and its line's head, or the byte
/// bound) or the oldest has waited the linger time, and up to <c>inFlightMax</c> transactions run at once. A transaction
/// is all or nothing: when one line is fenced (another activation moved its head), that append alone fails and the
/// others go again; any other failure fails every append of it (their lines drop their activations and answer
/// outcome_unknown).
/// Thread-safe: every silo-local line of the shard appends here.
/// </summary>
internal sealed class ShardCommitter(IJournalTable table, string partition, CommitLogSettings settings)
{
    private readonly object gate = new();
    private readonly List<Pending> waiting = [];
    private long waitingBytes;
    private int inFlight;
    private bool lingering;

    /// <summary>Makes the append durable; returns the line's new head ETag.</summary>
    public Task<string> Append(JournalAppend append)
    {
        var pending = new Pending(append, Environment.TickCount64);
        lock (gate)
        {
            waiting.Add(pending);
            waitingBytes += append.Entry.Data.Length;
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
        while (waiting.Count > batch.Count && batch.Count < settings.RowsMax && (batch.Count == 0 || bytes + waiting[batch.Count].Append.Entry.Data.Length <= settings.BytesMax))
        {
            bytes += waiting[batch.Count].Append.Entry.Data.Length;
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
                    var heads = await table.Append(partition, batch.Select(pending => pending.Append).ToList()).ConfigureAwait(false);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Stored.TrySetResult(heads[i]);
                    }

                    return;
                }
                catch (JournalFencedException fenced) when (batch.FindIndex(pending => pending.Append.AccountId == fenced.AccountId) is var index and >= 0)
                {
                    batch[index].Stored.TrySetException(fenced);
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

    private sealed record Pending(JournalAppend Append, long EnqueuedAt)
    {
        public TaskCompletionSource<string> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The bounds of one shard's group commit, from <c>SwitchOptions</c>.</summary>
internal sealed record CommitLogSettings(int RowsMax, long BytesMax, int LingerMilliseconds, int InFlightMax);
