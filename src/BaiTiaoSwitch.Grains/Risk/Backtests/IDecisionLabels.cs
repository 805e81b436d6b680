using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// The labels a backtest scores against: the outcome of the resolved alerts of an authorization (fraud or legitimate),
/// or none: <see cref="AlertStoreLabels"/>.
/// Read once per backtest, before the replay, for its window.
/// </summary>
public interface IDecisionLabels
{
    Task<IReadOnlyDictionary<string, AlertOutcome>> Of(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
