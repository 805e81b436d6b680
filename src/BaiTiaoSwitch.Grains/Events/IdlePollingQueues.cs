using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Streams;

namespace BaiTiaoSwitch.Events;

/// <summary>
/// Wraps a stream provider's queue adapter factory so that its queue readers are <see cref="IdlePollingReceiver"/>s,
/// and a publish from this silo wakes the reader of the queue it wrote to (so a quiet stream's next event waits for
/// the next tick, not for the idle period).
/// </summary>
public sealed class IdlePollingQueues(IQueueAdapterFactory inner, TimeSpan pollPeriod, TimeSpan idleMax) : IQueueAdapterFactory
{
    private readonly ConcurrentDictionary<QueueId, IdlePollingReceiver> receivers = new();

#pragma warning disable CS0618 // The legacy overload is part of the interface.
    public async Task<IQueueAdapter> CreateAdapter() => new Adapter(await inner.CreateAdapter(), this);
#pragma warning restore CS0618

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) => new Adapter(await inner.CreateAdapter(cancellationToken), this);

    public IQueueAdapterCache GetQueueAdapterCache() => inner.GetQueueAdapterCache();

    public IStreamQueueMapper GetStreamQueueMapper() => inner.GetStreamQueueMapper();

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => inner.GetDeliveryFailureHandler(queueId);

    private IdlePollingReceiver Track(QueueId queueId, IQueueAdapterReceiver receiver)
    {
        var idlePolling = new IdlePollingReceiver(receiver, pollPeriod, idleMax, TimeProvider.System);
        receivers[queueId] = idlePolling;
        return idlePolling;
    }

    private sealed class Adapter(IQueueAdapter inner, IdlePollingQueues owner) : IQueueAdapter
    {
        public string Name => inner.Name;

        public bool IsRewindable => inner.IsRewindable;

        public StreamProviderDirection Direction => inner.Direction;

        public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
        {
            await inner.QueueMessageBatchAsync(streamId, events, token, requestContext);
            if (owner.receivers.TryGetValue(owner.GetStreamQueueMapper().GetQueueForStream(streamId), out var receiver))
            {
                receiver.Wake();
            }
        }

        public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
        {
            return owner.Track(queueId, inner.CreateReceiver(queueId));
        }
    }
}
