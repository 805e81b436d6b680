using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Risk.Backtests;

namespace BaiTiaoSwitch.Testing.Memory;

/// <summary>
/// The decision history in memory, with the guarantees of <see cref="BlobDecisionHistory"/>: recorded by event id (a
/// decision delivered twice is kept once), read back in original order, forgotten by whole hours of the switch's clock.
/// One instance is shared by every silo of a cluster.
/// </summary>
public sealed class MemoryDecisionHistory : IDecisionHistory
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SwitchEvent> decisions = new(StringComparer.Ordinal);

    public Task Record(string recorder, IReadOnlyList<SwitchEvent> decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        lock (gate)
        {
            foreach (var recorded in decisions.Where(recorded => recorded.Decision is not null))
            {
                this.decisions[recorded.EventId] = recorded;
            }
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<SwitchEvent> Read(DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<SwitchEvent> found;
        lock (gate)
        {
            found = [.. decisions.Values.Where(recorded => recorded.At >= from && recorded.At < to).Order(OriginalOrder.Instance)];
        }

        foreach (var recorded in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return recorded;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<int> Forget(DateTimeOffset before, int hoursMax, CancellationToken cancellationToken = default)
    {
        var beforeHour = new DateTimeOffset(before.UtcDateTime.Date.AddHours(before.UtcDateTime.Hour), TimeSpan.Zero);
        lock (gate)
        {
            var hours = decisions.Values.Where(recorded => recorded.At < beforeHour)
                .GroupBy(recorded => new DateTimeOffset(recorded.At.UtcDateTime.Date.AddHours(recorded.At.UtcDateTime.Hour), TimeSpan.Zero))
                .OrderBy(hour => hour.Key)
                .Take(hoursMax);
            var forgotten = hours.SelectMany(hour => hour).Select(recorded => recorded.EventId).ToList();
            foreach (var eventId in forgotten)
            {
                decisions.Remove(eventId);
            }

            return Task.FromResult(forgotten.Count);
        }
    }

    /// <summary>Nothing to compact in memory.</summary>
    public Task<int> Compact(DateTimeOffset before, int hoursMax, CancellationToken cancellationToken = default) => Task.FromResult(0);
}
