namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>
/// A monitor's verdict: the decisions of its subject over the last <c>WindowMax</c> (at most <c>EntriesPerSubjectMax</c>),
/// oldest first. <see cref="Sequence"/> grows with every publication, so a cache keeps the newest it was sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.SignalWindow")]
public sealed record SignalWindow(
    [property: Id(0)] string Subject,
    [property: Id(1)] long Sequence,
    [property: Id(2)] IReadOnlyList<SignalEntry> Entries)
{
    /// <summary>The entries within <paramref name="window"/> before <paramref name="at"/> (in (at − window, at]), oldest first.</summary>
    public IEnumerable<SignalEntry> Within(DateTimeOffset at, TimeSpan window)
    {
        var from = at - window;
        var start = Entries.Count;
        while (start > 0 && Entries[start - 1].At > from)
        {
            start--;
        }

        for (var index = start; index < Entries.Count; index++)
        {
            if (Entries[index].At <= at)
            {
                yield return Entries[index];
            }
        }
    }
}
