namespace BaiTiaoSwitch.RequestKeys;

/// <summary>Where an answer's bytes are: its segment, and its offset and length there.</summary>
public readonly record struct AnswerLocation(long Segment, int Offset, int Length);

/// <summary>A held key: its owner and fingerprint digests, when it was claimed, and where its answer is, if stored.</summary>
public readonly record struct HeldKey(ulong Owner, UInt128 Fingerprint, long AtSeconds, AnswerLocation? Answer);

/// <summary>
/// One shard of a channel's key namespace in memory: every key of the key retention, by digest. It is rebuilt from the
/// shard's segments in order (<see cref="Apply"/>), and a claim is decided here synchronously before it is appended, so
/// a key has one owner. About 80 bytes a key: <see cref="RequestKeyOptions.HeldPerShardMax"/> bounds it.
/// </summary>
public sealed class HeldKeys
{
    private static readonly UInt128 NoFingerprint = KeyDigest.Of("");
    private readonly Dictionary<UInt128, HeldKey> held = [];

    public int Count => held.Count;

    public bool TryFind(UInt128 key, out HeldKey found) => held.TryGetValue(key, out found);

    /// <summary>Holds a key no one holds. The caller has looked first.</summary>
    public void Claim(UInt128 key, ulong owner, UInt128 fingerprint, long atSeconds) => held.Add(key, new HeldKey(owner, fingerprint, atSeconds, null));

    /// <summary>
    /// Keeps where the owner's answer is. A key another owner holds is never touched; a key no one holds is claimed by an
    /// answer that <paramref name="claims"/> (the key a reversal recorded a tombstone under), and otherwise left free.
    /// </summary>
    public bool Answer(UInt128 key, ulong owner, long atSeconds, bool claims, AnswerLocation location)
    {
        if (held.TryGetValue(key, out var existing))
        {
            if (existing.Owner != owner)
            {
                return false;
            }

            held[key] = existing with { Answer = location };
            return true;
        }

        if (!claims)
        {
            return false;
        }

        held.Add(key, new HeldKey(owner, NoFingerprint, atSeconds, location));
        return true;
    }

    /// <summary>Applies one record read back from segment <paramref name="segment"/>; records older than <paramref name="cutoffSeconds"/> are past retention.</summary>
    public void Apply(KeyLogRecord record, long segment, long cutoffSeconds)
    {
        if (record.AtSeconds < cutoffSeconds)
        {
            return;
        }

        switch (record.Kind)
        {
            case KeyLogRecordKind.Claimed:
                held.TryAdd(record.Key, new HeldKey(record.Owner, record.Fingerprint, record.AtSeconds, null));
                break;
            case KeyLogRecordKind.Answered:
                Answer(record.Key, record.Owner, record.AtSeconds, record.AnswerClaims, new AnswerLocation(segment, record.AnswerOffset, record.AnswerLength));
                break;
        }
    }

    /// <summary>Lets go of the keys claimed before <paramref name="cutoffSeconds"/>. Returns how many.</summary>
    public int ExpireBefore(long cutoffSeconds)
    {
        var expired = held.Where(entry => entry.Value.AtSeconds < cutoffSeconds).Select(entry => entry.Key).ToList();
        expired.ForEach(key => held.Remove(key));
        return expired.Count;
    }
}
