namespace BaiTiaoSwitch.Events;

/// <summary>
/// Group commit for one event stream of a silo: the outboxes of the many lines that share the stream hand over their
/// events, and one put carries what waits, in arrival order, up to <c>OutboxEventsPerMessageMax</c> events. While a put
/// is in flight the next lines wait and then go together, so under spread traffic (one entry per line in flight) a queue
/// message carries many lines' entries instead of one: each message costs a put, a share of a read and a delete, and on
/// one storage core those, not the bytes, are what is scarce. A line's own order holds because its outbox hands over
/// one message at a time and waits for it. A failed put fails every hand-over in it; their outboxes retry, and
/// consumers deduplicate by event id what a partly stored split message repeats.
/// <para>
/// Between back-to-back puts the packer waits <paramref name="lingerBetweenPuts"/> (or until a full message waits), so
/// a busy stream makes at most one message per put plus linger whatever its load. Without it the message rate follows
/// the store's latency, and a store slowed by the messages it already holds (Azurite scans a queue's messages on every
/// read and delete) makes more and smaller ones, which its readers fall behind. The first put after the stream was
/// quiet does not wait, so a lone event is not delayed. The linger runs on <paramref name="clock"/>, the real clock in
/// a silo, never the switch's sandbox clock: it paces I/O, it is not business time.
/// </para>
/// </summary>
public sealed class StreamMessagePacker(
    Func<IReadOnlyList<SwitchEvent>, Task> putMessage, int eventsPerMessageMax, int waitingMax, TimeSpan lingerBetweenPuts, TimeProvider clock)
{
    private readonly object gate = new();
    private readonly Queue<HandOver> waiting = new();
    private int waitingEvents;
    private TaskCompletionSource? fullMessageWaits;
    private bool putting;

    /// <summary>Hand-overs waiting for a put now (tests, telemetry).</summary>
    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    /// <summary>Completes once <paramref name="events"/> are in the queue; throws when their put failed.</summary>
    public Task Publish(IReadOnlyList<SwitchEvent> events)
    {
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        var handOver = new HandOver(events, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (gate)
        {
            if (waiting.Count >= waitingMax)
            {
                // Bounded: the outbox backs off and retries, as after a failed put.
                return Task.FromException(new InvalidOperationException($"{waiting.Count} hand-overs wait for this event stream (EventStreamWaitingMax)"));
            }

            waiting.Enqueue(handOver);
            waitingEvents += events.Count;
            if (waitingEvents >= eventsPerMessageMax)
            {
                fullMessageWaits?.TrySetResult();
            }

            if (putting)
            {
                return handOver.Done.Task;
            }

            putting = true;
        }

        // Off the calling grain's scheduler: the puts serve every line of the stream, not the one that started them.
        _ = Task.Run(PutWhileWaiting);
        return handOver.Done.Task;
    }

    private async Task PutWhileWaiting()
    {
        // The request context of whichever call started the outbox (a wallet's signed caller token, say) would go into
        // every queue message: it is not the events', and consumers do not read it.
        Orleans.Runtime.RequestContext.Clear();
        var first = true;
        while (true)
        {
            if (!first)
            {
                await Linger();
            }

            first = false;
            List<HandOver> message;
            lock (gate)
            {
                message = TakeMessage();
                if (message.Count == 0)
                {
                    putting = false;
                    return;
                }
            }

            try
            {
                var events = message.Count == 1 ? message[0].Events : message.SelectMany(handOver => handOver.Events).ToList();
                await MessageSplitting.Put(events, eventsPerMessageMax, putMessage);
                message.ForEach(handOver => handOver.Done.TrySetResult());
            }
            catch (Exception exception)
            {
                message.ForEach(handOver => handOver.Done.TrySetException(exception));
            }
        }
    }

    /// <summary>Waits the linger before the next put, unless nothing waits (the loop then ends) or a full message does.</summary>
    private async Task Linger()
    {
        Task full;
        lock (gate)
        {
            if (lingerBetweenPuts <= TimeSpan.Zero || waiting.Count == 0 || waitingEvents >= eventsPerMessageMax)
            {
                return;
            }

            fullMessageWaits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            full = fullMessageWaits.Task;
        }

        using var elapsed = new CancellationTokenSource();
        await Task.WhenAny(full, Task.Delay(lingerBetweenPuts, clock, elapsed.Token));
        await elapsed.CancelAsync();
        lock (gate)
        {
            fullMessageWaits = null;
        }
    }

    /// <summary>The oldest hand-overs whose events fit in one message; always at least one (a larger one is split).</summary>
    private List<HandOver> TakeMessage()
    {
        var message = new List<HandOver>();
        var events = 0;
        while (waiting.TryPeek(out var next) && (message.Count == 0 || events + next.Events.Count <= eventsPerMessageMax))
        {
            message.Add(waiting.Dequeue());
            events += next.Events.Count;
        }

        waitingEvents -= events;

        return message;
    }

    private sealed record HandOver(IReadOnlyList<SwitchEvent> Events, TaskCompletionSource Done);
}
