using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace BaiTiaoSwitch.Alerts;

/// <summary>
/// The alert store of one event stream (its key is the stream's): it follows the stream (an implicit subscription, so
/// it is activated by the first event and needs no one to subscribe it), keeps every alert durably before the delivery
/// is acknowledged, and ignores an event id it already holds (delivery is at least once, and a restarted line publishes
/// again what it had not confirmed). The oldest alerts leave past <c>SwitchOptions.AlertsKeptPerStream</c>; a
/// duplicate of one that left would be kept again, which only a republish older than the whole retention could cause.
/// It takes deliveries a queue message at a time (a batch observer), so one storage write keeps every alert of a message.
/// </summary>
[ImplicitStreamSubscription(SwitchStreams.Namespace)]
public sealed partial class AlertStoreGrain(
    [PersistentState("alerts", StorageNames.Snapshots)] IPersistentState<AlertStoreState> state,
    IOptions<SwitchOptions> options,
    ILogger<AlertStoreGrain> logger) : Grain, IAlertStoreGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<SwitchEvent>
{
    private readonly HashSet<string> eventIds = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        eventIds.UnionWith(state.State.Alerts.Select(stored => stored.EventId));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Alert>> List(AlertQuery query)
    {
        var found = AlertQuery.NewestFirst(state.State.Alerts.Select(stored => stored.Alert).Where(query.Matches)).Take(query.Limit).ToList();
        return Task.FromResult<IReadOnlyList<Alert>>(found);
    }

    public Task<IReadOnlyList<Alert>> Resolved(DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult<IReadOnlyList<Alert>>([.. state.State.Alerts.Select(stored => stored.Alert)
            .Where(alert => alert.Outcome is not null && alert.CreatedAt >= from && alert.CreatedAt < to)]);

    public async Task<Alert?> Resolve(string idempotencyKey, string alertId, AlertOutcome outcome)
    {
        var index = state.State.Alerts.FindIndex(stored => stored.Alert.AlertId == alertId);
        if (index < 0)
        {
            return null;
        }

        var stored = state.State.Alerts[index];
        if (stored.Alert.Outcome != outcome)
        {
            state.State.Alerts[index] = stored with { Alert = stored.Alert with { Outcome = outcome } };
            await state.WriteStateAsync();
            LogResolved(alertId, outcome);
        }

        return state.State.Alerts[index].Alert;
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<SwitchEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<SwitchEvent>> items)
    {
        var added = new List<string>();
        foreach (var item in items.Select(delivered => delivered.Item))
        {
            if (item.Alert is not null && eventIds.Add(item.EventId))
            {
                state.State.Alerts.Add(new StoredAlert(item.EventId, item.Alert));
                added.Add(item.EventId);
            }
        }

        if (added.Count == 0)
        {
            return;
        }

        var over = state.State.Alerts.Count - options.Value.AlertsKeptPerStream;
        if (over > 0)
        {
            foreach (var leaving in state.State.Alerts.Take(over))
            {
                eventIds.Remove(leaving.EventId);
            }

            state.State.Alerts.RemoveRange(0, over);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: the delivery fails and comes again, and must not be taken for a duplicate then.
            var notStored = added.ToHashSet(StringComparer.Ordinal);
            eventIds.ExceptWith(notStored);
            state.State.Alerts.RemoveAll(stored => notStored.Contains(stored.EventId));
            throw;
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} resolved as {Outcome}")]
    private partial void LogResolved(string alertId, AlertOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alert store of stream {StreamKey} got an error from its stream")]
    private partial void LogStreamError(Exception exception, string streamKey);
}
