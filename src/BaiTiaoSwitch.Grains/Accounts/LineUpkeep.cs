using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The upkeep of a line, one loop at a time: expire holds whose period ended (exactly once each), prune and move key
/// records out of hot state, archive closed authorizations, and let the store finish its snapshot and journal pruning.
/// Every step changes at most <c>SweepBatchMax</c> things and waits for them to be durable before the next, so no journal
/// entry outgrows a table entity; steps repeat until nothing is due. The reminder runs it, and so does any request that
/// finds hot state over its bounds.
/// </summary>
public sealed partial class LineUpkeep(AccountBook book, RequestRecords requests, GroupCommitter committer, AccountStore store,
    IRequestArchive requestArchive, IGrainFactory grains, TimeProvider clock, ILogger logger, TimeProvider? keyClock = null, ICreditCutsDue? cutsDue = null)
{
    // Holds and authorizations age on the line's clock; key records on the switch's (see MoneyPipeline).
    private readonly TimeProvider keyClock = keyClock ?? clock;

    public const string ReminderName = "hold-sweep";
    private Task<int>? running;

    /// <summary>True when the line is closed and has nothing left to expire: its reminder can go.</summary>
    public bool IsDone => book.Header.Status == AccountStatus.Closed && book.Header.OpenHolds == 0 && book.Credit.Periods.Count == 0;

    /// <summary>Runs the upkeep (or joins the run under way). Returns how many holds expired.</summary>
    public Task<int> Run() => running is { IsCompleted: false } ? running : running = Loop();

    /// <summary>Starts the upkeep in the background when hot state holds more than its bounds allow.</summary>
    public void RunIfBehind()
    {
        if (Archiving.IsBehind(book) || book.Requests.Count > book.Options.IdempotencyHotMax)
        {
            _ = Run();
        }
    }

    private async Task<int> Loop()
    {
        if (!book.Header.IsOpened)
        {
            return 0;
        }

        var step = book.Options.SweepBatchMax;
        var expired = 0;
        int done;
        do
        {
            done = Holds.ExpireDue(book, clock.GetUtcNow(), step);
            expired += done;
            await committer.WhenDurable();
        }
        while (done == step);

        while (requests.Prune(keyClock.GetUtcNow(), step) == step)
        {
            await committer.WhenDurable();
        }

        try
        {
            await MoveKeyRecords(step);
            await ArchiveAuthorizations(step);
            await requestArchive.Sweep(book.Header.AccountId, keyClock.GetUtcNow() - book.Options.IdempotencyRetention, step);
        }
        catch (Exception exception) when (exception is not OutcomeUnknownException)
        {
            // Moving and archiving are upkeep: what failed stays in hot state and goes in a later run.
            LogMoveFailed(exception, book.Header.AccountId);
        }

        await committer.WhenDurable();
        await store.Settled();
        await WakeCuts();
        if (expired > 0)
        {
            LogExpired(book.Header.AccountId, expired);
        }

        return expired;
    }

    /// <summary>A period past its cut is still open: the credit grain is told (it cuts each once; telling it twice is harmless).</summary>
    private async Task WakeCuts()
    {
        if (cutsDue is null || !CreditPeriods.CutDue(book, clock.GetUtcNow()))
        {
            return;
        }

        try
        {
            await cutsDue.CutsDue(book.Header.AccountId);
        }
        catch (Exception exception) when (exception is not OutcomeUnknownException)
        {
            LogCutsDueFailed(exception, book.Header.AccountId);
        }
    }

    private async Task MoveKeyRecords(int step)
    {
        while (requests.ColdDue(keyClock.GetUtcNow(), step) is { Count: > 0 } cold)
        {
            await requestArchive.Put(book.Header.AccountId, cold);
            requests.Moved(cold);
            await committer.WhenDurable();
        }
    }

    private async Task ArchiveAuthorizations(int step)
    {
        while (Archiving.Due(book, clock.GetUtcNow(), step) is { Count: > 0 } due)
        {
            await Task.WhenAll(due
                .GroupBy(record => IAuthorizationArchiveGrain.KeyOf(book.Header.AccountId, record.Sequence))
                .Select(segment => grains.GetGrain<IAuthorizationArchiveGrain>(segment.Key).Put(segment.ToList())));
            Archiving.Remove(book, due);
            await committer.WhenDurable();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: telling the credit grain its statement cuts are due failed; the next run tells it again")]
    private partial void LogCutsDueFailed(Exception exception, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: {Count} holds expired")]
    private partial void LogExpired(string accountId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: moving key records or archiving failed; what was not moved stays in hot state until the next run")]
    private partial void LogMoveFailed(Exception exception, string accountId);
}
