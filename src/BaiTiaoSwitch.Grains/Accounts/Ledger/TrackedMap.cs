namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// A map that remembers which keys changed or went away since the last <see cref="TakeChanges"/>, so that the next
/// journal entry carries exactly what the batch changed and nothing else. Values are immutable records.
/// </summary>
public sealed class TrackedMap<TValue>
    where TValue : class
{
    private readonly Dictionary<string, TValue> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> changed = new(StringComparer.Ordinal);
    private readonly HashSet<string> removed = new(StringComparer.Ordinal);

    public int Count => values.Count;

    public bool HasChanges => changed.Count + removed.Count > 0;

    public IReadOnlyDictionary<string, TValue> Values => values;

    public TValue? Find(string key) => values.GetValueOrDefault(key);

    public void Set(string key, TValue value)
    {
        values[key] = value;
        changed.Add(key);
        removed.Remove(key);
    }

    public bool Remove(string key)
    {
        if (!values.Remove(key))
        {
            return false;
        }

        changed.Remove(key);
        removed.Add(key);
        return true;
    }

    /// <summary>The changed values and removed keys since the last call; clears both.</summary>
    public (List<TValue> Changed, List<string> Removed) TakeChanges()
    {
        var result = (changed.Select(key => values[key]).ToList(), removed.ToList());
        ClearChanges();
        return result;
    }

    /// <summary>Like <see cref="TakeChanges"/>, keeping the keys (for values that do not carry their own).</summary>
    public (Dictionary<string, TValue> Changed, List<string> Removed) TakeKeyedChanges()
    {
        var result = (changed.ToDictionary(key => key, key => values[key], StringComparer.Ordinal), removed.ToList());
        ClearChanges();
        return result;
    }

    /// <summary>Replays a journal entry or snapshot: it is already durable, so nothing is marked changed.</summary>
    public void Apply(IEnumerable<KeyValuePair<string, TValue>> upserts, IEnumerable<string> removals)
    {
        foreach (var (key, value) in upserts)
        {
            values[key] = value;
        }

        foreach (var key in removals)
        {
            values.Remove(key);
        }
    }

    /// <summary>Forgets everything (a load that starts over).</summary>
    public void Clear()
    {
        values.Clear();
        ClearChanges();
    }

    public void ClearChanges()
    {
        changed.Clear();
        removed.Clear();
    }
}
