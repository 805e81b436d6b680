namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// When a line's stored state is read: before the first call that needs it, not when its activation starts. Every
/// call but an opening waits for the read. An opening holds the line unread until its idempotency key is claimed in the
/// channel's namespace: claimed for the first time, nobody can have written the line under that key, so the line is
/// taken as new and the read, which would find nothing, is skipped. Its first append then creates the line's head row
/// create-only, which the commit log refuses when the line exists after all (the split-brain fence): nothing is written
/// over, the opening answers <c>outcome_unknown</c>, and its retry, whose key is now its own, reads the line and
/// answers from it. Any other key outcome reads the line first and decides again. Calls run one turn at a time, so the
/// state here needs no lock.
/// </summary>
public sealed class LineLoading(Func<Task> load)
{
    private Task? gate;
    private TaskCompletionSource? opening;

    /// <summary>True once the line was read, or taken as new by its opening.</summary>
    public bool IsEstablished { get; private set; }

    /// <summary>Lets an opening hold the unread line (true), unless a read or another opening came first.</summary>
    public bool BeginOpening()
    {
        if (IsEstablished || gate is not null)
        {
            return false;
        }

        opening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate = opening.Task;
        return true;
    }

    /// <summary>
    /// For a call that holds the line unread, once its key is claimed: a fresh key takes the line as new (false); any
    /// other outcome means the line must be read before the call decides again (true).
    /// </summary>
    public bool MustReadFirst(bool keyIsFresh)
    {
        if (IsEstablished)
        {
            return false;
        }

        IsEstablished = keyIsFresh;
        return !keyIsFresh;
    }

    /// <summary>The read an opening asked for (<see cref="MustReadFirst"/>); later calls still wait for the opening.</summary>
    public Task ReadForOpening() => Read();

    /// <summary>Lets waiting calls go: on the line as the opening left it, or, when it never got as far as its key, to read it.</summary>
    public void EndOpening()
    {
        var ended = opening;
        opening = null;
        if (!IsEstablished)
        {
            gate = null;
        }

        ended?.TrySetResult();
    }

    /// <summary>Completes once the line is read (or taken as new); calls that interleave share one read.</summary>
    public async Task Ready()
    {
        while (!IsEstablished)
        {
            gate ??= Read();
            try
            {
                await gate;
            }
            catch (Exception) when (!IsEstablished)
            {
                // A failed read is tried again by the next call.
                gate = null;
                throw;
            }
        }
    }

    private async Task Read()
    {
        await load();
        IsEstablished = true;
    }
}
