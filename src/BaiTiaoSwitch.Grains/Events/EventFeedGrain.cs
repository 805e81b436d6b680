using BaiTiaoSwitch.Accounts;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace BaiTiaoSwitch.Events;

/// <summary>
/// The replay buffer of one event stream, in memory: it follows the stream (an implicit subscription), drops an event
/// id it still holds (at-least-once delivery, republishes), keeps the newest <c>EventReplayMax</c>, and wakes waiting
/// readers. It is not durable: a follower of a feed that restarted (another epoch) gets what the new one holds.
/// </summary>
[ImplicitStreamSubscription(SwitchStreams.Namespace)]
public sealed class EventFeedGrain(IOptions<SwitchOptions> options) : Grain, IEventFeedGrain, IStreamSubscriptionObserver, IAsyncObserver<SwitchEvent>
{
    private readonly string epoch = Guid.NewGuid().ToString("N")[..12];
    private readonly Queue<FeedEvent> events = new();
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long sequence;

    public async Task<FeedPage> Read(string? fromEpoch, long after, TimeSpan wait)
    {
        var from = fromEpoch == epoch ? after : 0;
        if (from >= sequence && wait > TimeSpan.Zero)
        {
            try
            {
                await arrived.Task.WaitAsync(wait < IEventFeedGrain.WaitMax ? wait : IEventFeedGrain.WaitMax);
            }
            catch (TimeoutException)
            {
            }
        }

        return new FeedPage(epoch, [.. events.Where(item => item.Sequence > from).Take(IEventFeedGrain.PageMax)], sequence);
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<SwitchEvent>().ResumeAsync(this);

    public Task OnNextAsync(SwitchEvent item, StreamSequenceToken? token = null)
    {
        if (!ids.Add(item.EventId))
        {
            return Task.CompletedTask;
        }

        events.Enqueue(new FeedEvent(++sequence, item));
        while (events.Count > options.Value.EventReplayMax)
        {
            ids.Remove(events.Dequeue().Event.EventId);
        }

        var waiting = arrived;
        arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.TrySetResult();
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
