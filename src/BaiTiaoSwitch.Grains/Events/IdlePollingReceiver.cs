using Orleans.Streams;

namespace BaiTiaoSwitch.Events;

/// <summary>
/// A queue reader that stops asking storage when its queue is idle: after a read that found nothing it waits twice as
/// long as before (from <c>EventPollPeriod</c> up to <c>EventPollIdleMax</c>) before it reads again, and answers the
/// pulling agent's ticks in between with no messages and no storage request. Any message read, or a publish to its
/// queue from this silo (<see cref="Wake"/>), brings it back to every tick. Eight idle streams on four queues then cost a
/// read per queue every <c>EventPollIdleMax</c>, not ten per second each.
/// </summary>
public sealed class IdlePollingReceiver(IQueueAdapterReceiver inner, TimeSpan pollPeriod, TimeSpan idleMax, TimeProvider clock) : IQueueAdapterReceiver
{
    private static readonly IList<IBatchContainer> None = Array.Empty<IBatchContainer>();
    private long quietUntil;
    private TimeSpan backoff;

    /// <summary>Something was published to this queue: read it at the next tick.</summary>
    public void Wake() => Interlocked.Exchange(ref quietUntil, 0);

    public Task Initialize(TimeSpan timeout) => inner.Initialize(timeout);

#pragma warning disable CS0618 // The legacy overloads are part of the interface; both forward to the inner receiver.
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => Read(() => inner.GetQueueMessagesAsync(maxCount));

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken) =>
        Read(() => inner.GetQueueMessagesAsync(maxCount, cancellationToken));

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => inner.MessagesDeliveredAsync(messages);
#pragma warning restore CS0618

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken) =>
        inner.MessagesDeliveredAsync(messages, cancellationToken);

    public Task Shutdown(TimeSpan timeout) => inner.Shutdown(timeout);

    private async Task<IList<IBatchContainer>> Read(Func<Task<IList<IBatchContainer>>> read)
    {
        if (clock.GetTimestamp() < Interlocked.Read(ref quietUntil))
        {
            return None;
        }

        var messages = await read();
        if (messages is { Count: > 0 })
        {
            backoff = TimeSpan.Zero;
            return messages;
        }

        backoff = TimeSpan.FromTicks(Math.Min(idleMax.Ticks, Math.Max(pollPeriod.Ticks, backoff.Ticks * 2)));
        Interlocked.Exchange(ref quietUntil, clock.GetTimestamp() + (long)(backoff.TotalSeconds * clock.TimestampFrequency));
        return None;
    }

}
