namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// A map that remembers which keys changed or went away since the last <see cref="TakeChanges"/>, so that the next
/// journal entry carries exactly what the batch changed and nothing else. Values are immutable records.
/// </summary>
/// <remarks>
/// A line carries a dozen of these and most stay empty (a line with no plan, no alert, no refund), so the map and its
/// two change sets are made on first use: an idle line keeps about 250 B less per empty map. The change sets are let go
/// once taken, not cleared: a cleared set keeps its grown entry array, and an idle line kept about 1.5 KiB of them
/// (4 used maps, 360 B each). A busy line makes them again for its next batch, a few hundred bytes per batch.
/// </remarks>
public sealed class TrackedMap<TValue>
    where TValue : class
{
    private static readonly IReadOnlyDictionary<string, TValue> None = new Dictionary<string, TValue>(StringComparer.Ordinal);

    private Dictionary<string, TValue>? values;
    private HashSet<string>? changed;
    private HashSet<string>? removed;

    public int Count => values?.Count ?? 0;

    public bool HasChanges => (changed?.Count ?? 0) + (removed?.Count ?? 0) > 0;

    public IReadOnlyDictionary<string, TValue> Values => values ?? None;

    public TValue? Find(string key) => values?.GetValueOrDefault(key);

    public void Set(string key, TValue value)
    {
        (values ??= new(StringComparer.Ordinal))[key] = value;
        (changed ??= new(StringComparer.Ordinal)).Add(key);
        removed?.Remove(key);
    }

    public bool Remove(string key)
    {
        if (values is null || !values.Remove(key))
        {
            return false;
        }

        changed?.Remove(key);
        (removed ??= new(StringComparer.Ordinal)).Add(key);
        return true;
    }

    /// <summary>The changed values and removed keys since the last call; clears both.</summary>
    public (List<TValue> Changed, List<string> Removed) TakeChanges()
    {
        var result = (Changed().Select(key => values![key]).ToList(), Removed().ToList());
        ClearChanges();
        return result;
    }

    /// <summary>Like <see cref="TakeChanges"/>, keeping the keys (for values that do not carry their own).</summary>
    public (Dictionary<string, TValue> Changed, List<string> Removed) TakeKeyedChanges()
    {
        var result = (Changed().ToDictionary(key => key, key => values![key], StringComparer.Ordinal), Removed().ToList());
        ClearChanges();
        return result;
    }

    /// <summary>Replays a journal entry or snapshot: it is already durable, so nothing is marked changed.</summary>
    public void Apply(IEnumerable<KeyValuePair<string, TValue>> upserts, IEnumerable<string> removals)
    {
        foreach (var (key, value) in upserts)
        {
            (values ??= new(StringComparer.Ordinal))[key] = value;
        }

        foreach (var key in removals)
        {
            values?.Remove(key);
        }
    }

    /// <summary>Forgets everything (a load that starts over).</summary>
    public void Clear()
    {
        values?.Clear();
        ClearChanges();
    }

    public void ClearChanges() => (changed, removed) = (null, null);

    private IEnumerable<string> Changed() => changed ?? Enumerable.Empty<string>();

    private IEnumerable<string> Removed() => removed ?? Enumerable.Empty<string>();
}
