using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Risk;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace BaiTiaoSwitch.Tests.Events;

/// <summary>The outbox of one line, with no cluster: an alert's action is carried out before the alert is published.</summary>
public sealed class LineOutboxTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_alert_that_asks_for_an_action_is_published_only_after_the_action_is_done_and_says_what_was_done()
    {
        var book = new AccountBook("acct-outbox", new SwitchOptions());
        var steps = new List<string>();
        var actions = new ScriptedActions(steps, failuresFirst: 2);
        var publisher = new RecordingPublisher(steps);
        var outbox = new LineOutbox(book, publisher, NullLogger.Instance, actions);

        outbox.Durable(1, [Raised("acct-outbox", 1, RiskAction.FreezeCard)]);
        await outbox.Settled().WaitAsync(TimeSpan.FromSeconds(30));

        // Two failed attempts published nothing; the third carried the action out, then published, once.
        Assert.Equal(["action failed", "action failed", "action done", "published 1"], steps);
        var published = Assert.Single(Assert.Single(publisher.Batches));
        Assert.Equal((RiskAction.FreezeCard, AlertActionTaken.CardFrozen), (published.Alert!.Requested, published.Alert.Action));
        Assert.Equal(1, book.Header.EventsPublishedThrough);
    }

    [Fact]
    public async Task An_alert_that_asks_for_no_action_and_a_decision_are_published_as_they_were_recorded()
    {
        var book = new AccountBook("acct-outbox", new SwitchOptions());
        var steps = new List<string>();
        var publisher = new RecordingPublisher(steps);
        var outbox = new LineOutbox(book, publisher, NullLogger.Instance, new ScriptedActions(steps, failuresFirst: 0));
        var raised = Raised("acct-outbox", 1, RiskAction.None);

        outbox.Durable(1, [raised]);
        await outbox.Settled().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Same(raised, Assert.Single(Assert.Single(publisher.Batches)));
    }

    [Fact]
    public async Task Entries_that_wait_while_a_publish_is_in_flight_go_out_together_in_version_order_up_to_the_events_per_message_bound()
    {
        var book = new AccountBook("acct-outbox", new SwitchOptions { OutboxEventsPerMessageMax = 3, OutboxLingerPeriod = TimeSpan.Zero });
        var steps = new List<string>();
        var publisher = new RecordingPublisher(steps) { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var outbox = new LineOutbox(book, publisher, NullLogger.Instance);

        outbox.Durable(1, [Decided(1, 0)]);
        outbox.Durable(2, [Decided(2, 0), Decided(2, 1)]);
        outbox.Durable(3, []);
        outbox.Durable(4, [Decided(4, 0)]);
        outbox.Durable(5, [Decided(5, 0), Decided(5, 1), Decided(5, 2), Decided(5, 3)]);
        Assert.Equal(0, book.Header.EventsPublishedThrough);
        publisher.Gate.SetResult();
        await outbox.Settled().WaitAsync(TimeSpan.FromSeconds(30));

        // Entry 1 was in flight alone; 2, 3 and 4 make three events, one message; 5 is over the bound alone (the
        // publisher splits it).
        Assert.Equal(
            [["acct-outbox~1~0"], ["acct-outbox~2~0", "acct-outbox~2~1", "acct-outbox~4~0"], ["acct-outbox~5~0", "acct-outbox~5~1", "acct-outbox~5~2", "acct-outbox~5~3"]],
            publisher.Batches.Select(batch => batch.Select(item => item.EventId).ToArray()).ToArray());
        Assert.Equal(5, book.Header.EventsPublishedThrough);
    }

    [Fact]
    public async Task Entries_made_durable_within_the_linger_period_go_out_in_one_message()
    {
        var book = new AccountBook("acct-outbox", new SwitchOptions { OutboxLingerPeriod = TimeSpan.FromMilliseconds(20) });
        var publisher = new RecordingPublisher([]);
        var outbox = new LineOutbox(book, publisher, NullLogger.Instance);

        outbox.Durable(1, [Decided(1, 0)]);
        outbox.Durable(2, [Decided(2, 0)]);
        await outbox.Settled().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["acct-outbox~1~0", "acct-outbox~2~0"], Assert.Single(publisher.Batches).Select(item => item.EventId));
        Assert.Equal(2, book.Header.EventsPublishedThrough);
    }

    [Fact]
    public async Task A_message_the_queue_refuses_as_too_large_goes_again_in_halves_in_order_and_a_single_event_is_never_split()
    {
        var events = Enumerable.Range(0, 5).Select(index => Decided(1, index)).ToList();
        var stored = new List<string[]>();
        Task Put(IReadOnlyList<SwitchEvent> batch)
        {
            if (batch.Count > 2)
            {
                throw new AggregateException(new Azure.RequestFailedException(413, "The request body is too large"));
            }

            stored.Add([.. batch.Select(item => item.EventId[^1..])]);
            return Task.CompletedTask;
        }

        await MessageSplitting.Put(events, 128, Put);

        Assert.Equal([["0", "1"], ["2"], ["3", "4"]], stored);
        await Assert.ThrowsAsync<IOException>(() => MessageSplitting.Put(events, 128, _ => throw new IOException("the queue is down")));
    }

    private static SwitchEvent Decided(long version, int index) => Raised("acct-outbox", version, RiskAction.None) with { EventId = SwitchEvent.IdOf("acct-outbox", version, index) };

    internal static SwitchEvent Raised(string accountId, long version, RiskAction requested) => new(SwitchEvent.IdOf(accountId, version, 0), accountId, Noon, null,
        new Alert($"al_{accountId}_{version}", "velocity", "high", "rule-1", accountId, "card-1", "grant-1", null, "auth-1", AlertActionTaken.None, null, Noon, requested));

    private sealed class ScriptedActions(List<string> steps, int failuresFirst) : IAlertActions
    {
        private int failures;

        public Task<IReadOnlyList<SwitchEvent>> CarryOut(IReadOnlyList<SwitchEvent> events)
        {
            if (!events.Any(item => item.Alert is { Requested: not RiskAction.None }))
            {
                return Task.FromResult(events);
            }

            if (failures++ < failuresFirst)
            {
                steps.Add("action failed");
                throw new IOException("the card's silo did not answer");
            }

            steps.Add("action done");
            return Task.FromResult<IReadOnlyList<SwitchEvent>>([.. events.Select(item => item.Alert is { Requested: RiskAction.FreezeCard } ? item with { Alert = item.Alert with { Action = AlertActionTaken.CardFrozen } } : item)]);
        }
    }

    private sealed class RecordingPublisher(List<string> steps) : IEventPublisher
    {
        public List<IReadOnlyList<SwitchEvent>> Batches { get; } = [];

        /// <summary>When set, every publish waits for it.</summary>
        public TaskCompletionSource? Gate { get; init; }

        public async Task Publish(string accountId, IReadOnlyList<SwitchEvent> events)
        {
            Batches.Add(events);
            steps.Add("published " + events.Count);
            if (Gate is not null)
            {
                await Gate.Task;
            }
        }
    }
}
