using System.Collections.Concurrent;
using BaiTiaoSwitch.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>
/// Every event the silos of a cluster publish from their outbox (recorded as it goes onto the stream, after the journal
/// entry that carries it is durable), so tests await what they expect to see instead of sleeping.
/// </summary>
public static class PublishedEvents
{
    private static readonly ConcurrentDictionary<string, SwitchEvent> Seen = new(StringComparer.Ordinal);
    private static TaskCompletionSource more = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Record(IEnumerable<SwitchEvent> events)
    {
        foreach (var published in events)
        {
            Seen.TryAdd(published.EventId, published);
        }

        Interlocked.Exchange(ref more, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>The events of <paramref name="accountId"/> once <paramref name="enough"/> holds of them, in id order of publication.</summary>
    public static async Task<IReadOnlyList<SwitchEvent>> Of(string accountId, Func<IReadOnlyList<SwitchEvent>, bool> enough, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var signal = more.Task;
            var events = Seen.Values.Where(seen => seen.AccountId == accountId).OrderBy(seen => seen.EventId, StringComparer.Ordinal).ToList();
            if (enough(events))
            {
                return events;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(signal, Task.Delay(left)) != signal)
            {
                throw new TimeoutException($"The events awaited for {accountId} were not published; {events.Count} were.");
            }
        }
    }

    /// <summary>The decision on <paramref name="authorizationId"/> and the alerts it raised, once the decision is published.</summary>
    public static async Task<(DecisionEvent Decision, IReadOnlyList<Alert> Alerts)> Decision(string accountId, string authorizationId)
    {
        var events = await Of(accountId, events => events.Any(seen => seen.Decision?.AuthorizationId == authorizationId));
        var decision = events.First(seen => seen.Decision?.AuthorizationId == authorizationId).Decision!;
        return (decision, [.. events.Where(seen => seen.Alert?.AuthorizationId == authorizationId).Select(seen => seen.Alert!)]);
    }
}

/// <summary>Puts <see cref="PublishedEvents"/> between the outbox and the real stream publisher.</summary>
public sealed class PublishedEventsConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<StreamEventPublisher>();
        silo.Services.AddSingleton<IEventPublisher>(services => new RecordingPublisher(services.GetRequiredService<StreamEventPublisher>()));
    }

    private sealed class RecordingPublisher(IEventPublisher inner) : IEventPublisher
    {
        public async Task Publish(string accountId, IReadOnlyList<SwitchEvent> events)
        {
            await inner.Publish(accountId, events);
            PublishedEvents.Record(events);
        }
    }
}
