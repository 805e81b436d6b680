using BaiTiaoSwitch.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace BaiTiaoSwitch.Events;

/// <summary>
/// Publishes on the Orleans stream of the line (<see cref="SwitchStreams"/>), on Azure Queues, in messages of at most
/// <c>OutboxEventsPerMessageMax</c> events (split further when a queue refuses one as over 64 KiB), without the request
/// context.
/// </summary>
public sealed class StreamEventPublisher(IServiceProvider services, IOptions<SwitchOptions> options) : IEventPublisher
{
    private readonly Lazy<IStreamProvider> provider = new(() => services.GetRequiredKeyedService<IStreamProvider>(SwitchStreams.Provider));

    public async Task Publish(string accountId, IReadOnlyList<SwitchEvent> events)
    {
        // The request context of whichever call started the outbox (a wallet's signed caller token, say) would go into
        // every queue message: it is not the events', and consumers do not read it. (Cleared for this method only.)
        Orleans.Runtime.RequestContext.Clear();
        var stream = provider.Value.GetStream<SwitchEvent>(StreamId.Create(SwitchStreams.Namespace, SwitchStreams.StreamKeyOf(accountId)));
        await MessageSplitting.Put(events, options.Value.OutboxEventsPerMessageMax, chunk => stream.OnNextBatchAsync(chunk));
    }
}
