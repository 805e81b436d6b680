using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Client;

// Alerts (issuer)
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>
    /// Alerts that match, newest first, at most <see cref="AlertQuery.Limit"/> (1 to <see cref="AlertQuery.LimitMax"/>):
    /// every shard of the alert store is asked, and their answers merged.
    /// </summary>
    public async Task<IReadOnlyList<Alert>> ListAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > AlertQuery.LimitMax)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"limit must be from 1 to {AlertQuery.LimitMax}.");
        }

        if (query.AccountId is not null)
        {
            Ids.Require(query.AccountId, "accountId");
        }

        var shards = await Task.WhenAll(SwitchStreams.AllStreamKeys.Select(key => calls.Read(() => grains.GetGrain<IAlertStoreGrain>(key).List(query), cancellationToken)));
        return [.. AlertQuery.NewestFirst(shards.SelectMany(alerts => alerts)).Take(query.Limit)];
    }

    /// <summary>Labels an alert fraud or legitimate (a later label replaces an earlier one). An unknown alert is <see cref="NotFoundException"/>.</summary>
    public async Task<Alert> ResolveAlertAsync(string alertId, AlertOutcome outcome, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Ids.Require(alertId, "alertId");
        var key = Key(options);
        var answers = await Task.WhenAll(SwitchStreams.AllStreamKeys.Select(shard =>
            calls.Write(key, key => grains.GetGrain<IAlertStoreGrain>(shard).Resolve(key, alertId, outcome), static (alert, _) => alert, cancellationToken)));
        return answers.FirstOrDefault(alert => alert is not null) ?? throw new NotFoundException($"No alert {alertId}.");
    }
}
