using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// A backtest's labels from the alert store: every resolved alert of the window names its authorization and outcome
/// (POST /v1/alerts/{id}/resolve). An authorization with alerts labelled both ways counts as fraud. Alerts that left the
/// store (past <c>SwitchOptions.AlertsKeptPerStream</c>) label nothing.
/// </summary>
public sealed class AlertStoreLabels(IGrainFactory grains) : IDecisionLabels
{
    public async Task<IReadOnlyDictionary<string, AlertOutcome>> Of(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(SwitchStreams.AllStreamKeys.Select(key => grains.GetGrain<IAlertStoreGrain>(key).Resolved(from, to))).WaitAsync(cancellationToken);
        var labels = new Dictionary<string, AlertOutcome>(StringComparer.Ordinal);
        foreach (var alert in shards.SelectMany(alerts => alerts))
        {
            if (alert is { AuthorizationId: { } authorization, Outcome: { } outcome } && !(labels.TryGetValue(authorization, out var known) && known == AlertOutcome.Fraud))
            {
                labels[authorization] = outcome;
            }
        }

        return labels;
    }
}
