using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The reminder-driven upkeep of a line: expire holds whose period ended (exactly once each), prune old key records,
/// and move closed authorizations to the archive. Every step changes at most <c>SweepBatchMax</c> things and waits
/// for them to be durable before the next, so no journal entry outgrows a table entity, and steps repeat until
/// nothing is due. Archiving also starts on its own when hot state holds more closed records than allowed.
/// </summary>
public sealed partial class HoldSweep(AccountBook book, RequestRecords requests, GroupCommitter committer, AccountStore store, IGrainFactory grains, TimeProvider clock, ILogger logger)
{
    public const string ReminderName = "hold-sweep";
    private Task? archiving;

    /// <summary>Runs every step until nothing is due. Returns how many holds expired.</summary>
    public async Task<int> Run()
    {
        if (!book.Header.IsOpened)
        {
            return 0;
        }

        var expired = 0;
        int step;
        do
        {
            step = Holds.ExpireDue(book, clock.GetUtcNow(), book.Options.SweepBatchMax);
            expired += step;
            await committer.WhenDurable();
        }
        while (step == book.Options.SweepBatchMax);

        while (requests.Prune(clock.GetUtcNow(), book.Options.SweepBatchMax) == book.Options.SweepBatchMax)
        {
            await committer.WhenDurable();
        }

        await committer.WhenDurable();
        await StartArchiving();

        // Upkeep ends with the store's own: a snapshot under way and the journal pruning after it.
        await store.Settled();
        if (expired > 0)
        {
            LogExpired(book.Header.AccountId, expired);
        }

        return expired;
    }

    /// <summary>True when the line is closed and has nothing left to expire: its reminder can go.</summary>
    public bool IsDone => book.Header.Status == AccountStatus.Closed && book.Header.OpenHolds == 0;

    /// <summary>Starts archiving in the background when hot state holds more closed records than allowed.</summary>
    public void ArchiveIfBehind()
    {
        if (Archiving.IsBehind(book))
        {
            _ = StartArchiving();
        }
    }

    /// <summary>One archiving loop at a time: a second caller joins the one under way.</summary>
    private Task StartArchiving() => archiving is { IsCompleted: false } ? archiving : archiving = Archive();

    private async Task Archive()
    {
        try
        {
            while (Archiving.Due(book, clock.GetUtcNow(), book.Options.SweepBatchMax) is { Count: > 0 } due)
            {
                await Task.WhenAll(due
                    .GroupBy(record => IAuthorizationArchiveGrain.KeyOf(book.Header.AccountId, record.Sequence))
                    .Select(segment => grains.GetGrain<IAuthorizationArchiveGrain>(segment.Key).Put(segment.ToList())));
                Archiving.Remove(book, due);
                await committer.WhenDurable();
            }
        }
        catch (Exception exception) when (exception is not OutcomeUnknownException)
        {
            // Archiving is upkeep: what failed stays in hot state and goes in a later pass.
            LogArchiveFailed(exception, book.Header.AccountId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: {Count} holds expired")]
    private partial void LogExpired(string accountId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: an archive pass failed; its records stay in hot state until the next pass")]
    private partial void LogArchiveFailed(Exception exception, string accountId);
}
