using BaiTiaoSwitch.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace BaiTiaoSwitch.Client;

// Events (issuer): a push subscription to every event stream, for a host that wants each event as a callback rather than
// following the replay buffers (FollowEventsAsync).
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>
    /// Follows every event stream of the switch: <paramref name="onEvent"/> gets each decision and alert. Delivery is at
    /// least once, so deduplicate by <see cref="SwitchEvent.EventId"/>; a line's events come in order. Issuer channels
    /// only (the streams' subscriptions are Orleans' machinery). Dispose the answer to stop: subscriptions are durable,
    /// and one left behind costs the cluster deliveries to a client that is gone.
    /// </summary>
    public Task<IAsyncDisposable> SubscribeToEventsAsync(Func<SwitchEvent, Task> onEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var provider = services?.GetKeyedService<IStreamProvider>(SwitchStreams.Provider)
            ?? throw new InvalidOperationException("Following events needs the client that AddBaiTiaoSwitchClient registers (it adds the event streams' provider).");
        return calls.Once<IAsyncDisposable>(async () =>
        {
            var handles = new List<StreamSubscriptionHandle<SwitchEvent>>(SwitchStreams.StreamCount);
            try
            {
                foreach (var key in SwitchStreams.AllStreamKeys)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var stream = provider.GetStream<SwitchEvent>(StreamId.Create(SwitchStreams.Namespace, key));
                    handles.Add(await stream.SubscribeAsync((item, _) => onEvent(item)).ConfigureAwait(false));
                }
            }
            catch
            {
                await new EventSubscription(calls, handles).DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return new EventSubscription(calls, handles);
        });
    }

    private sealed class EventSubscription(ClusterCalls calls, List<StreamSubscriptionHandle<SwitchEvent>> subscribed) : IAsyncDisposable
    {
        private StreamSubscriptionHandle<SwitchEvent>[]? handles = [.. subscribed];

        /// <summary>Lets go of every stream once, however often it is called.</summary>
        public async ValueTask DisposeAsync()
        {
            foreach (var handle in Interlocked.Exchange(ref handles, null) ?? [])
            {
                try
                {
                    await calls.Once(async () =>
                    {
                        await handle.UnsubscribeAsync().ConfigureAwait(false);
                        return true;
                    }).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Best effort: the cluster may already be gone; the other streams are still let go.
                }
            }
        }
    }
}
