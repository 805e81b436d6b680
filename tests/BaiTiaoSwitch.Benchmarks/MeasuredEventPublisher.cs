using BaiTiaoSwitch.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers.Streams.AzureQueue;
using Orleans.Runtime;
using Orleans.Serialization;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Wraps the switch's event publisher and counts what it publishes: publishes, events, and the size of the queue
/// message the Azure Queue adapter makes of them (its own data adapter, so the same bytes, without the request
/// context), plus the request context entries the publish would carry along.
/// </summary>
public sealed class MeasuredEventPublisher(IEventPublisher inner, Serializer serializer) : IEventPublisher
{
    private static long publishes;
    private static long events;
    private static long messageChars;
    private static long contextEntries;
    private readonly AzureQueueDataAdapterV2 adapter = new(serializer);

    public static void Decorate(IServiceCollection services) =>
        services.AddSingleton<IEventPublisher>(provider => new MeasuredEventPublisher(
            ActivatorUtilities.CreateInstance<StreamEventPublisher>(provider), provider.GetRequiredService<Serializer>()));

    public static void Reset()
    {
        Interlocked.Exchange(ref publishes, 0);
        Interlocked.Exchange(ref events, 0);
        Interlocked.Exchange(ref messageChars, 0);
        Interlocked.Exchange(ref contextEntries, 0);
    }

    public static IReadOnlyList<string> Per(double units, string unitName)
    {
        var count = Interlocked.Read(ref publishes);
        var published = Interlocked.Read(ref events);
        return count == 0
            ? ["events: none published"]
            : [$"events: {published:N0} in {count:N0} publishes ({published / (double)count:0.0} per publish, {published / units:0.00} per {unitName}); " +
               $"message body {Interlocked.Read(ref messageChars) / (double)count / 1024:0.0} KiB per publish, {Interlocked.Read(ref messageChars) / (double)Math.Max(1, published):0} B per event " +
               $"(without request context; {Interlocked.Read(ref contextEntries) / (double)count:0.0} request context entries per publish)"];
    }

    public Task Publish(string accountId, IReadOnlyList<SwitchEvent> items)
    {
        var stream = StreamId.Create(SwitchStreams.Namespace, SwitchStreams.StreamKeyOf(accountId));
        Interlocked.Increment(ref publishes);
        Interlocked.Add(ref events, items.Count);
        Interlocked.Add(ref messageChars, adapter.ToQueueMessage(stream, items, null, null).Length);
        Interlocked.Add(ref contextEntries, RequestContext.Keys.Count());
        return inner.Publish(accountId, items);
    }
}
