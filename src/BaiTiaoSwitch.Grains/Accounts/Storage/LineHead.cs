namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The line's head row as this activation knows it: the fence of the commit log. Every append moves it, conditional on
/// the ETag this activation last saw, so a stale activation can never write. <see cref="IsCurrent"/> is the same fence
/// for an answer that writes nothing: it reads the head and proves that no other activation moved it since this one
/// last did. Appends and checks never overlap (a check waits for the append under way and the next append waits for the
/// check), so a head this activation moved itself is never taken for another writer's.
/// </summary>
public sealed class LineHead(CommitLog.SharedCommitLog log, string accountId)
{
    private Task? appending;
    private Task<bool>? checking;

    /// <summary>The head's ETag as this activation last saw it; null while the line has never written.</summary>
    public string? ETag { get; set; }

    /// <summary>Appends the entry, moving the head; returns the entry's size. Runs on the grain's turn, one at a time.</summary>
    public async Task<int> Append(AccountImage entry)
    {
        while (checking is { IsCompleted: false } check)
        {
            await Task.WhenAny(check);
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        appending = done.Task;
        try
        {
            var (head, bytes) = await log.Append(accountId, entry, ETag);
            ETag = head;
            return bytes;
        }
        finally
        {
            appending = null;
            done.SetResult();
        }
    }

    /// <summary>
    /// True when the head, read now, is still the one this activation last saw: every entry of the line acknowledged
    /// before this call is in this activation's state. False when another activation wrote meanwhile (this one is
    /// stale). A check already under way is not joined: it may have read the head before this call.
    /// </summary>
    public Task<bool> IsCurrent() => checking = Check(checking, appending);

    private async Task<bool> Check(Task? previous, Task? append)
    {
        if (previous is not null)
        {
            await Task.WhenAny(previous);
        }

        if (append is not null)
        {
            await Task.WhenAny(append);
        }

        var head = await log.ReadHead(accountId, CancellationToken.None);
        return head?.ETag == ETag;
    }
}
