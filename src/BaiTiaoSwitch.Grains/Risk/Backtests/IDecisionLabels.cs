using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// The labels a backtest scores against: the outcome of the resolved alerts of an authorization (fraud or legitimate),
/// or none. The alert store provides them; until one is registered, <see cref="NoDecisionLabels"/> labels nothing.
/// Read once per backtest, before the replay, for its window.
/// </summary>
public interface IDecisionLabels
{
    Task<IReadOnlyDictionary<string, AlertOutcome>> Of(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>No alert store yet: no decision is labelled (fraud figures are zero).</summary>
public sealed class NoDecisionLabels : IDecisionLabels
{
    public Task<IReadOnlyDictionary<string, AlertOutcome>> Of(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, AlertOutcome>>(new Dictionary<string, AlertOutcome>());
}
