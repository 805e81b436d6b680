using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// The recorded decisions, read off the payment path. <see cref="Read"/> yields the decision events of [from, to) in
/// their original order: by decision time, then by line and journal position (a line's own decisions keep their order).
/// </summary>
public interface IDecisionHistory
{
    /// <summary>
    /// Keeps one delivered message's decisions, as recorded by <paramref name="recorder"/> (one per event stream, of
    /// [A-Za-z0-9_-]). Idempotent by event id: a decision recorded again (a redelivered message, a line that
    /// republished) is read once.
    /// </summary>
    Task Record(string recorder, IReadOnlyList<SwitchEvent> decisions, CancellationToken cancellationToken = default);

    IAsyncEnumerable<SwitchEvent> Read(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every decision of the whole hours before <paramref name="before"/>'s hour, oldest hour first, at most
    /// <paramref name="hoursMax"/> hours that hold decisions. Returns how many stored decisions were deleted (0: nothing older is left).
    /// </summary>
    Task<int> Forget(DateTimeOffset before, int hoursMax, CancellationToken cancellationToken = default);

    /// <summary>
    /// Storage upkeep of the <paramref name="hoursMax"/> whole hours before <paramref name="before"/>'s hour: a store
    /// that keeps what is still being written in a costlier form turns it into its compact form there. Reads are the
    /// same before and after. Returns how many stored pieces were compacted (a store with nothing to compact: 0).
    /// </summary>
    Task<int> Compact(DateTimeOffset before, int hoursMax, CancellationToken cancellationToken = default);
}
