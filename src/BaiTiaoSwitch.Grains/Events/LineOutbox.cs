using BaiTiaoSwitch.Accounts;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Events;

/// <summary>
/// The outbox of one line: the events of each journal entry are published once the entry is durable, entry after
/// entry in version order, and the line remembers how far it got (<see cref="AccountBook.Published"/>), so a line that
/// restarts publishes again what was not confirmed (consumers deduplicate by event id). Nothing is published from
/// memory alone. At most <c>OutboxPendingMax</c> entries wait in memory; past that the outbox stops taking more and asks
/// for the line to be reloaded, which reads them back from the journal.
/// An alert whose rule asks for an action has it carried out first (<see cref="IAlertActions"/>), and goes out saying
/// what was done: a published alert's action is already in force. A failed action is retried like a failed publish.
/// Runs on the grain's scheduler (it changes the book).
/// </summary>
public sealed partial class LineOutbox(AccountBook book, IEventPublisher publisher, ILogger logger, IAlertActions? actions = null)
{
    private static readonly TimeSpan RetryDelayMax = TimeSpan.FromSeconds(5);
    private readonly Queue<(long Version, List<SwitchEvent> Events)> pending = new();
    private Task? pumping;

    /// <summary>Told the newest version whose events are published, after each publish (the store prunes what that frees).</summary>
    public Action<long>? OnPublished { get; set; }

    /// <summary>True when too many entries wait to be published: the grain should drop its activation and reload.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The entry of <paramref name="version"/> is durable: its events may go.</summary>
    public void Durable(long version, List<SwitchEvent> events)
    {
        if (Overflowed)
        {
            return;
        }

        if (pending.Count >= book.Options.OutboxPendingMax)
        {
            Overflowed = true;
            LogOverflowed(book.Header.AccountId, pending.Count);
            return;
        }

        pending.Enqueue((version, events));
        if (pumping is not { IsCompleted: false })
        {
            pumping = Pump();
        }
    }

    /// <summary>Completes when every event handed over so far is published (tests, orderly shutdown).</summary>
    public Task Settled() => pumping ?? Task.CompletedTask;

    private async Task Pump()
    {
        var failures = 0;
        while (pending.Count > 0)
        {
            // Unless a full message already waits, give the next entries a moment to join this one.
            if (book.Options.OutboxLingerPeriod > TimeSpan.Zero && !FullMessageWaits())
            {
                await Task.Delay(book.Options.OutboxLingerPeriod);
            }

            // The entries waiting now go out together, in version order, up to one message's worth of events: under load
            // one queue message (one put, one get share, one delete) carries several journal entries.
            var (entries, lastVersion, events) = NextMessage();
            try
            {
                if (events.Count > 0)
                {
                    var published = actions is null ? events : await actions.CarryOut(events);
                    await publisher.Publish(book.Header.AccountId, published);
                }

                for (var index = 0; index < entries; index++)
                {
                    pending.Dequeue();
                }

                book.Published(lastVersion);
                OnPublished?.Invoke(lastVersion);
                failures = 0;
            }
            catch (Exception exception)
            {
                failures++;
                LogPublishFailed(exception, book.Header.AccountId, lastVersion, failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(RetryDelayMax.TotalMilliseconds, 50 * Math.Pow(2, failures))));
            }
        }
    }

    private bool FullMessageWaits()
    {
        var events = 0;
        foreach (var (_, entryEvents) in pending)
        {
            events += entryEvents.Count;
            if (events >= book.Options.OutboxEventsPerMessageMax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The oldest waiting entries whose events fit in one message (always at least one entry), and their events.</summary>
    private (int Entries, long LastVersion, List<SwitchEvent> Events) NextMessage()
    {
        var events = new List<SwitchEvent>();
        var entries = 0;
        var lastVersion = 0L;
        foreach (var (version, entryEvents) in pending)
        {
            if (entries > 0 && events.Count + entryEvents.Count > book.Options.OutboxEventsPerMessageMax)
            {
                break;
            }

            events.AddRange(entryEvents);
            lastVersion = version;
            entries++;
        }

        return (entries, lastVersion, events);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: publishing the events of journal version {Version} failed ({Failures} in a row); retrying")]
    private partial void LogPublishFailed(Exception exception, string accountId, long version, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: {Count} journal entries wait to be published; the line reloads to publish them from the journal")]
    private partial void LogOverflowed(string accountId, int count);
}
