using System.Collections.Concurrent;
using BaiTiaoSwitch.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace BaiTiaoSwitch.Events;

/// <summary>
/// Publishes on the Orleans stream of the line (<see cref="SwitchStreams"/>), on Azure Queues, without the request
/// context. The lines of a silo that share a stream share its puts (<see cref="StreamMessagePacker"/>): one message
/// carries several lines' entries, at most <c>OutboxEventsPerMessageMax</c> events (split further when a queue refuses
/// one as over 64 KiB).
/// </summary>
public sealed class StreamEventPublisher(IServiceProvider services, IOptions<SwitchOptions> options) : IEventPublisher
{
    private readonly Lazy<IStreamProvider> provider = new(() => services.GetRequiredKeyedService<IStreamProvider>(SwitchStreams.Provider));
    private readonly ConcurrentDictionary<string, StreamMessagePacker> packers = new();

    public Task Publish(string accountId, IReadOnlyList<SwitchEvent> events) =>
        packers.GetOrAdd(SwitchStreams.StreamKeyOf(accountId), PackerOf).Publish(events);

    private StreamMessagePacker PackerOf(string streamKey)
    {
        // The stream handle is looked up once per stream, not once per message.
        var stream = provider.Value.GetStream<SwitchEvent>(StreamId.Create(SwitchStreams.Namespace, streamKey));
        return new StreamMessagePacker(message => stream.OnNextBatchAsync(message), options.Value.OutboxEventsPerMessageMax, options.Value.EventStreamWaitingMax,
            options.Value.EventStreamLingerPeriod, TimeProvider.System);
    }
}
