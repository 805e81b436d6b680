using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// The recorded decisions, read off the payment path. <see cref="Read"/> yields the decision events of [from, to) in
/// their original order: by decision time, then by line and journal position (a line's own decisions keep their order).
/// </summary>
public interface IDecisionHistory
{
    /// <summary>Keeps decisions (idempotent by event id: a decision recorded again stays one).</summary>
    Task Record(IReadOnlyList<SwitchEvent> decisions, CancellationToken cancellationToken = default);

    IAsyncEnumerable<SwitchEvent> Read(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
