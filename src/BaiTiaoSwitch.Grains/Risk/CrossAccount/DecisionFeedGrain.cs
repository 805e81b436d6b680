using BaiTiaoSwitch.Events;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>One per event stream (key: the stream's key); nothing calls it but the stream.</summary>
public interface IDecisionFeedGrain : IGrainWithStringKey;

/// <summary>
/// Reads one event stream (implicit subscription to <see cref="SwitchStreams.Namespace"/>) and hands every decision to
/// the monitors of its merchant, device and IP. A delivery completes only once every monitor has taken it, so a
/// failure makes the stream deliver it again; the monitors deduplicate by event id.
/// </summary>
[ImplicitStreamSubscription(SwitchStreams.Namespace)]
public sealed class DecisionFeedGrain : Grain, IDecisionFeedGrain, IStreamSubscriptionObserver
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var handle = handleFactory.Create<SwitchEvent>();
        await handle.ResumeAsync((switchEvent, _) => Learn(switchEvent));
    }

    private Task Learn(SwitchEvent switchEvent)
    {
        if (switchEvent.Decision is not { } decision)
        {
            return Task.CompletedTask;
        }

        IReadOnlyList<SignalEntry> entries = [SignalEntry.Of(switchEvent, decision)];
        return Task.WhenAll(SignalSubjects.Of(decision.Merchant.Id, decision.Device)
            .Select(subject => GrainFactory.GetGrain<ISignalMonitorGrain>(subject).Observe(entries)));
    }
}
