namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>
/// The sliding window of one subject: decisions by the switch's clock, oldest first, kept for <c>WindowMax</c> after the
/// newest and at most <c>EntriesPerSubjectMax</c> of them. Idempotent by event id: a decision delivered again (the
/// stream is at least once) is not counted again. Pure; the monitor grain and the backtest share it.
/// </summary>
public sealed class SignalMonitor(string subject, VerdictOptions options)
{
    private readonly List<SignalEntry> entries = [];
    private readonly HashSet<string> eventIds = new(StringComparer.Ordinal);

    public string Subject => subject;

    public int Count => entries.Count;

    /// <summary>Adds the decision unless already known or already out of the window; true when the window changed.</summary>
    public bool Observe(SignalEntry entry)
    {
        if (eventIds.Contains(entry.EventId))
        {
            return false;
        }

        var newest = entries.Count == 0 ? entry.At : entries[^1].At > entry.At ? entries[^1].At : entry.At;
        var full = entries.Count >= options.EntriesPerSubjectMax;
        if (entry.At <= newest - options.WindowMax || (full && entry.At < entries[0].At))
        {
            return false;
        }

        var index = entries.Count;
        while (index > 0 && entries[index - 1].At > entry.At)
        {
            index--;
        }

        entries.Insert(index, entry);
        eventIds.Add(entry.EventId);
        while (entries.Count > 0 && (entries.Count > options.EntriesPerSubjectMax || entries[0].At <= newest - options.WindowMax))
        {
            eventIds.Remove(entries[0].EventId);
            entries.RemoveAt(0);
        }

        return true;
    }

    public SignalWindow Verdict(long sequence) => new(subject, sequence, [.. entries]);
}
