using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Alerts;

/// <summary>An alert as the store keeps it: with the id of the event that brought it, which deduplicates deliveries.</summary>
[GenerateSerializer, Immutable, Alias("bts.StoredAlert")]
public sealed record StoredAlert(
    [property: Id(0)] string EventId,
    [property: Id(1)] Alert Alert);

/// <summary>The alerts of one event stream, oldest first (arrival order), at most <c>SwitchOptions.AlertsKeptPerStream</c>.</summary>
[GenerateSerializer, Alias("bts.AlertStoreState")]
public sealed class AlertStoreState
{
    [Id(0)]
    public List<StoredAlert> Alerts { get; set; } = [];
}
