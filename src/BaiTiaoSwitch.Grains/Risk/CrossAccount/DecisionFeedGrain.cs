using BaiTiaoSwitch.Events;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>One per event stream (key: the stream's key); nothing calls it but the stream.</summary>
public interface IDecisionFeedGrain : IGrainWithStringKey;

/// <summary>
/// Reads one event stream (implicit subscription to <see cref="SwitchStreams.Namespace"/>), a batch at a time, and hands
/// every decision to the monitors of its merchant, device and IP. A batch completes only once every monitor has taken
/// it, so a failure makes the stream deliver it again; the monitors deduplicate by event id. The decision history is
/// another consumer of the same streams (<c>DecisionRecorderGrain</c>), so its writes never add to the verdict lag.
/// </summary>
[ImplicitStreamSubscription(SwitchStreams.Namespace)]
public sealed class DecisionFeedGrain : Grain, IDecisionFeedGrain, IStreamSubscriptionObserver
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var handle = handleFactory.Create<SwitchEvent>();
        await handle.ResumeAsync(items => Learn([.. items.Select(item => item.Item)]));
    }

    private async Task Learn(IReadOnlyList<SwitchEvent> events)
    {
        var decisions = events.Where(switchEvent => switchEvent.Decision is not null).ToList();
        if (decisions.Count == 0)
        {
            return;
        }

        var monitors = decisions
            .SelectMany(switchEvent => SignalSubjects.Of(switchEvent.Decision!.Merchant.Id, switchEvent.Decision.Device).Select(subject => (Subject: subject, Entry: SignalEntry.Of(switchEvent, switchEvent.Decision))))
            .GroupBy(learned => learned.Subject, StringComparer.Ordinal)
            .Select(subject => GrainFactory.GetGrain<ISignalMonitorGrain>(subject.Key).Observe([.. subject.Select(learned => learned.Entry)]));
        await Task.WhenAll(monitors);
    }
}
