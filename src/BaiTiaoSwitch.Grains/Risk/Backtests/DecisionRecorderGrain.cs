using BaiTiaoSwitch.Events;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>One per event stream (key: the stream's key); nothing calls it but the stream.</summary>
public interface IDecisionRecorderGrain : IGrainWithStringKey;

/// <summary>
/// Records every decision of one event stream in the decision history (the backtests' source), a batch at a time
/// (implicit subscription to <see cref="SwitchStreams.Namespace"/>, beside the monitors' own). A batch completes once it
/// is stored, so a failure makes the stream deliver it again; delivered again, the message is appended again to the
/// stream's log of the hour and read once (the history drops decisions stored twice; <see cref="BlobDecisionHistory"/>). Whatever records decisions makes sure the history's sweep
/// (<see cref="IDecisionHistorySweepGrain"/>) exists, so the history stays bounded.
/// </summary>
[ImplicitStreamSubscription(SwitchStreams.Namespace)]
public sealed class DecisionRecorderGrain(IDecisionHistory history) : Grain, IDecisionRecorderGrain, IStreamSubscriptionObserver
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var handle = handleFactory.Create<SwitchEvent>();
        var recorder = this.GetPrimaryKeyString();
        await handle.ResumeAsync(items => history.Record(recorder, [.. items.Select(item => item.Item).Where(switchEvent => switchEvent.Decision is not null)]));

        // Recording never waits on the sweep: a failed start is asked again by the next activation.
        GrainFactory.GetGrain<IDecisionHistorySweepGrain>(0).Start().Ignore();
    }
}
