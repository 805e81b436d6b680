namespace BaiTiaoSwitch.Events;

/// <summary>
/// One shard of the alert store: the alerts of one event stream (key: <see cref="SwitchStreams.AllStreamKeys"/>), kept
/// durably, deduplicated by event id, the oldest leaving past <c>SwitchOptions.AlertsKeptPerStream</c>. The SDK asks
/// every shard and merges their answers.
/// </summary>
public interface IAlertStoreGrain : IGrainWithStringKey
{
    /// <summary>The shard's alerts that match, newest first, at most <see cref="AlertQuery.Limit"/>.</summary>
    [IssuerOnly]
    Task<IReadOnlyList<Alert>> List(AlertQuery query);

    /// <summary>Labels an alert fraud or legitimate (the labels feed backtests); null when this shard does not hold it. A later label replaces an earlier one.</summary>
    [IssuerOnly]
    Task<Alert?> Resolve(string idempotencyKey, string alertId, AlertOutcome outcome);

    /// <summary>The shard's resolved alerts created in [<paramref name="from"/>, <paramref name="to"/>): a backtest's labels.</summary>
    [ClusterInternal]
    Task<IReadOnlyList<Alert>> Resolved(DateTimeOffset from, DateTimeOffset to);
}

/// <summary>What <c>GET /v1/alerts</c> filters by. <see cref="Since"/> is inclusive.</summary>
[GenerateSerializer, Immutable, Alias("bts.AlertQuery")]
public sealed record AlertQuery(
    [property: Id(0)] string? AccountId,
    [property: Id(1)] string? Kind,
    [property: Id(2)] DateTimeOffset? Since,
    [property: Id(3)] int Limit)
{
    public const int LimitDefault = 50;
    public const int LimitMax = 500;

    public bool Matches(Alert alert) =>
        (AccountId is null || alert.AccountId == AccountId) && (Kind is null || alert.Kind == Kind) && (Since is null || alert.CreatedAt >= Since);

    /// <summary>Newest first; ties by id, so every shard and the merge agree.</summary>
    public static IOrderedEnumerable<Alert> NewestFirst(IEnumerable<Alert> alerts) =>
        alerts.OrderByDescending(alert => alert.CreatedAt).ThenByDescending(alert => alert.AlertId, StringComparer.Ordinal);
}
