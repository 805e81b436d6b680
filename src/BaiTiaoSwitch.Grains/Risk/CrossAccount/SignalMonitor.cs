using System.Collections;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>
/// The sliding window of one subject: decisions by the switch's clock, oldest first, kept for <c>WindowMax</c> after the
/// newest and at most <c>EntriesPerSubjectMax</c> of them. Idempotent by event id: a decision delivered again (the
/// stream is at least once) is not counted again. Pure; the monitor grain and the backtest share it (a backtest reads a
/// history already unique by event id, so it leaves out the check: <paramref name="deduplicate"/> false).
/// </summary>
public sealed class SignalMonitor(string subject, VerdictOptions options, bool deduplicate = true)
{
    // Entries live in [head, entries.Count); leaving ones move head on, and the list is compacted now and then.
    private readonly List<SignalEntry> entries = [];
    private readonly HashSet<string> eventIds = new(StringComparer.Ordinal);
    private int head;

    public string Subject => subject;

    public int Count => entries.Count - head;

    /// <summary>Adds the decision unless already known or already out of the window; true when the window changed.</summary>
    public bool Observe(SignalEntry entry)
    {
        if (deduplicate && eventIds.Contains(entry.EventId))
        {
            return false;
        }

        var newest = Count == 0 || entries[^1].At < entry.At ? entry.At : entries[^1].At;
        var full = Count >= options.EntriesPerSubjectMax;
        if (entry.At <= newest - options.WindowMax || (full && entry.At < entries[head].At))
        {
            return false;
        }

        var index = entries.Count;
        while (index > head && entries[index - 1].At > entry.At)
        {
            index--;
        }

        entries.Insert(index, entry);
        if (deduplicate)
        {
            eventIds.Add(entry.EventId);
        }

        while (Count > 0 && (Count > options.EntriesPerSubjectMax || entries[head].At <= newest - options.WindowMax))
        {
            if (deduplicate)
            {
                eventIds.Remove(entries[head].EventId);
            }

            entries[head++] = null!;
        }

        if (head > 64 && head > entries.Count / 2)
        {
            entries.RemoveRange(0, head);
            head = 0;
        }

        return true;
    }

    /// <summary>The window as a verdict to publish: a copy, which later changes do not touch.</summary>
    public SignalWindow Verdict(long sequence) => new(subject, sequence, entries.GetRange(head, Count));

    /// <summary>The window as it stands, without a copy: valid until the next <see cref="Observe"/> (the backtest's replay).</summary>
    public SignalWindow View() => new(subject, 0, new Entries(this));

    private sealed class Entries(SignalMonitor monitor) : IReadOnlyList<SignalEntry>
    {
        public int Count => monitor.Count;

        public SignalEntry this[int index] => monitor.entries[monitor.head + index];

        public IEnumerator<SignalEntry> GetEnumerator()
        {
            for (var index = monitor.head; index < monitor.entries.Count; index++)
            {
                yield return monitor.entries[index];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
