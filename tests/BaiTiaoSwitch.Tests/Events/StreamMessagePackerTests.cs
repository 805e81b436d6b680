using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Risk;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BaiTiaoSwitch.Tests.Events;

/// <summary>
/// The puts one event stream of a silo shares among its lines, with no cluster: what waits while a put is in flight
/// goes out in one message, and a hand-over completes only once the message that holds it is stored.
/// </summary>
public sealed class StreamMessagePackerTests
{
    [Fact]
    public async Task Lines_that_hand_over_while_a_put_is_in_flight_go_out_together_in_arrival_order_up_to_the_events_per_message_bound()
    {
        var queue = new GatedQueue();
        var packer = new StreamMessagePacker(queue.Put, eventsPerMessageMax: 3, waitingMax: 100, TimeSpan.Zero, TimeProvider.System);

        var first = packer.Publish([Event("a", 1)]);
        await queue.PutStarted.WaitAsync(TimeSpan.FromSeconds(30));
        var second = packer.Publish([Event("b", 1), Event("b", 2)]);
        var third = packer.Publish([Event("c", 1)]);
        var fourth = packer.Publish([Event("d", 1), Event("d", 2), Event("d", 3), Event("d", 4)]);
        Assert.False(second.IsCompleted || third.IsCompleted || fourth.IsCompleted);
        Assert.Equal(3, packer.Waiting);

        queue.Open();
        await Task.WhenAll(first, second, third, fourth).WaitAsync(TimeSpan.FromSeconds(30));

        // a's put was in flight alone; b and c (three events) share one message; d is over the bound alone and is split.
        Assert.Equal([["a~1"], ["b~1", "b~2", "c~1"], ["d~1", "d~2", "d~3"], ["d~4"]], queue.Messages);
    }

    [Fact]
    public async Task A_failed_put_fails_every_hand_over_in_its_message_and_the_next_ones_still_go()
    {
        var queue = new GatedQueue(open: true) { FailNext = 1 };
        var packer = new StreamMessagePacker(queue.Put, eventsPerMessageMax: 128, waitingMax: 100, TimeSpan.Zero, TimeProvider.System);

        var first = packer.Publish([Event("a", 1)]);
        await Assert.ThrowsAsync<IOException>(() => first.WaitAsync(TimeSpan.FromSeconds(30)));
        var blocked = new GatedQueue();
        var shared = new StreamMessagePacker(blocked.Put, eventsPerMessageMax: 128, waitingMax: 100, TimeSpan.Zero, TimeProvider.System);
        var inFlight = shared.Publish([Event("x", 1)]);
        await blocked.PutStarted.WaitAsync(TimeSpan.FromSeconds(30));
        blocked.FailNext = 2;
        var waitingA = shared.Publish([Event("y", 1)]);
        var waitingB = shared.Publish([Event("z", 1)]);
        blocked.Open();

        await Assert.ThrowsAsync<IOException>(() => inFlight.WaitAsync(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAsync<IOException>(() => waitingA.WaitAsync(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAsync<IOException>(() => waitingB.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(blocked.Messages);

        // The outboxes retry: the packer is not stuck on the failure.
        await shared.Publish([Event("y", 1)]).WaitAsync(TimeSpan.FromSeconds(30));
        await packer.Publish([Event("a", 1)]).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([["y~1"]], blocked.Messages);
        Assert.Equal([["a~1"]], queue.Messages);
    }

    [Fact]
    public async Task Past_the_waiting_bound_a_hand_over_is_refused_and_none_of_its_events_is_put()
    {
        var queue = new GatedQueue();
        var packer = new StreamMessagePacker(queue.Put, eventsPerMessageMax: 128, waitingMax: 1, TimeSpan.Zero, TimeProvider.System);

        var inFlight = packer.Publish([Event("a", 1)]);
        await queue.PutStarted.WaitAsync(TimeSpan.FromSeconds(30));
        var waiting = packer.Publish([Event("b", 1)]);
        var refused = packer.Publish([Event("c", 1)]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        queue.Open();
        await Task.WhenAll(inFlight, waiting).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([["a~1"], ["b~1"]], queue.Messages);
    }

    [Fact]
    public async Task A_busy_stream_waits_the_linger_between_puts_so_the_next_message_gathers_more_but_a_quiet_streams_first_put_goes_at_once()
    {
        var clock = new LingerClock();
        var queue = new GatedQueue();
        var packer = new StreamMessagePacker(queue.Put, eventsPerMessageMax: 128, waitingMax: 100, Linger, clock);

        // The stream was quiet: its first put starts with no time passing.
        var first = packer.Publish([Event("a", 1)]);
        await queue.PutStarted.WaitAsync(TimeSpan.FromSeconds(30));
        var second = packer.Publish([Event("b", 1)]);
        queue.Open();
        await first.WaitAsync(TimeSpan.FromSeconds(30));

        // b waited behind a's put, so the stream is busy: the next put waits the linger, and c joins b meanwhile.
        await clock.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(queue.Messages);
        var third = packer.Publish([Event("c", 1)]);
        clock.Advance(Linger - TimeSpan.FromMilliseconds(1));
        Assert.False(second.IsCompleted || third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([["a~1"], ["b~1", "c~1"]], queue.Messages);
    }

    [Fact]
    public async Task A_full_message_goes_without_waiting_out_the_linger()
    {
        var clock = new LingerClock();
        var queue = new GatedQueue();
        var packer = new StreamMessagePacker(queue.Put, eventsPerMessageMax: 2, waitingMax: 100, Linger, clock);

        var first = packer.Publish([Event("a", 1)]);
        await queue.PutStarted.WaitAsync(TimeSpan.FromSeconds(30));
        var second = packer.Publish([Event("b", 1)]);
        queue.Open();
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        await clock.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30));

        // c fills the message: it goes now, with the clock never moved.
        var third = packer.Publish([Event("c", 1)]);
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([["a~1"], ["b~1", "c~1"]], queue.Messages);
    }

    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(100);

    private static SwitchEvent Event(string line, int index) =>
        LineOutboxTests.Raised(line, index, RiskAction.None) with { EventId = $"{line}~{index}" };

    /// <summary>A fake clock that tells when the packer starts to linger (it asks for a timer).</summary>
    private sealed class LingerClock : FakeTimeProvider
    {
        private readonly TaskCompletionSource created = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task TimerCreated => created.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            created.TrySetResult();
            return timer;
        }
    }

    /// <summary>A queue whose puts wait until opened; records each stored message's event ids.</summary>
    private sealed class GatedQueue(bool open = false)
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string[]> Messages { get; } = [];

        public int FailNext { get; set; }

        public Task PutStarted => started.Task;

        private Task Gate => open ? Task.CompletedTask : gate.Task;

        public void Open() => gate.TrySetResult();

        public async Task Put(IReadOnlyList<SwitchEvent> message)
        {
            started.TrySetResult();
            await Gate;
            lock (Messages)
            {
                if (FailNext > 0)
                {
                    FailNext--;
                    throw new IOException("the queue is down");
                }

                Messages.Add([.. message.Select(item => item.EventId)]);
            }
        }
    }
}
