using System.Collections.Concurrent;
using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Tests.Infrastructure.Events;

/// <summary>
/// The outbox's publishing in one test cluster, seen and steered by tests: publishes on a silo can be held (they wait
/// before reaching the stream, as if the silo stalled between the journal write and the publish). Off until a test
/// holds a silo.
/// </summary>
public sealed class EventPublishing
{
    private static readonly ConcurrentDictionary<string, EventPublishing> Clusters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HeldPublishes> held = new(StringComparer.Ordinal);

    /// <summary>The publishing of the cluster with this service id.</summary>
    public static EventPublishing For(string serviceId) => Clusters.GetOrAdd(serviceId, _ => new EventPublishing());

    /// <summary>From now on every publish on <paramref name="silo"/> waits until released (or forever, if the silo dies).</summary>
    public HeldPublishes Hold(string silo) => held.GetOrAdd(silo, _ => new HeldPublishes());

    internal async Task Around(string silo, string accountId, IReadOnlyList<SwitchEvent> events, Func<Task> publish)
    {
        if (held.TryGetValue(silo, out var hold))
        {
            await hold.Wait(accountId, events);
        }

        await publish();
    }
}

/// <summary>The publishes held on one silo.</summary>
public sealed class HeldPublishes
{
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<SwitchEvent> events = new();
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a first publish is held.</summary>
    public Task Reached => reached.Task;

    /// <summary>The events of every publish held so far.</summary>
    public IReadOnlyCollection<SwitchEvent> Events => events;

    public void Release() => released.TrySetResult();

    internal Task Wait(string accountId, IReadOnlyList<SwitchEvent> batch)
    {
        foreach (var item in batch)
        {
            events.Enqueue(item);
        }

        reached.TrySetResult();
        return released.Task;
    }
}

/// <summary>Wraps the switch's real publisher with <see cref="EventPublishing"/>.</summary>
public sealed class SteeredEventPublisher(IEventPublisher inner, EventPublishing publishing, string silo) : IEventPublisher
{
    public Task Publish(string accountId, IReadOnlyList<SwitchEvent> events) =>
        publishing.Around(silo, accountId, events, () => inner.Publish(accountId, events));
}
