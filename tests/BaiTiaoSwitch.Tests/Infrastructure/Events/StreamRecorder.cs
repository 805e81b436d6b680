using System.Collections.Concurrent;
using BaiTiaoSwitch.Events;
using Orleans.Runtime;
using Orleans.Streams;

namespace BaiTiaoSwitch.Tests.Infrastructure.Events;

/// <summary>
/// Follows a line's event stream from the test cluster's client, as any consumer would, and keeps every delivery
/// (duplicates included), so a test can count them and wait for the ones it expects.
/// </summary>
public sealed class StreamRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<SwitchEvent> deliveries = new();
    private readonly List<(Func<IReadOnlyCollection<SwitchEvent>, bool> Done, TaskCompletionSource Seen)> waits = [];
    private readonly Lock gate = new();
    private StreamSubscriptionHandle<SwitchEvent>? handle;

    /// <summary>Every delivery so far, in arrival order, duplicates included.</summary>
    public IReadOnlyCollection<SwitchEvent> Deliveries => deliveries;

    public static async Task<StreamRecorder> Follow(IClusterClient client, string accountId)
    {
        var recorder = new StreamRecorder();
        var stream = client.GetStreamProvider(SwitchStreams.Provider).GetStream<SwitchEvent>(StreamId.Create(SwitchStreams.Namespace, SwitchStreams.StreamKeyOf(accountId)));
        recorder.handle = await AsIssuer(() => stream.SubscribeAsync((item, _) =>
        {
            if (item.AccountId == accountId)
            {
                recorder.Delivered(item);
            }

            return Task.CompletedTask;
        }));
        return recorder;
    }

    /// <summary>Completes when the deliveries so far satisfy <paramref name="done"/> (checked at each delivery).</summary>
    public Task Until(Func<IReadOnlyCollection<SwitchEvent>, bool> done)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (done(deliveries))
            {
                return Task.CompletedTask;
            }

            waits.Add((done, seen));
        }

        return seen.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (handle is not null)
        {
            await AsIssuer(async () =>
            {
                await handle.UnsubscribeAsync();
                return true;
            });
        }
    }

    /// <summary>Orleans' stream machinery (its pub-sub grain) takes the issuer or the cluster: the test follows as the issuer.</summary>
    private static async Task<T> AsIssuer<T>(Func<Task<T>> call)
    {
        RequestContext.Set(CallerContextKeys.Token, CallerToken.Mint(TestKeys.Issuer, DateTimeOffset.UtcNow + CallerToken.Lifetime));
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(CallerContextKeys.Token);
        }
    }

    private void Delivered(SwitchEvent item)
    {
        lock (gate)
        {
            deliveries.Enqueue(item);
            foreach (var wait in waits.Where(wait => wait.Done(deliveries)).ToList())
            {
                waits.Remove(wait);
                wait.Seen.TrySetResult();
            }
        }
    }
}
