namespace BaiTiaoSwitch.CommitLog;

/// <summary>
/// One journal entry of one line as the commit log stores it: partition <c>{serviceId}~{shard}</c>, row key
/// <c>{accountId}~{version:D12}</c> (so a line's entries sort by version inside its shard), and the entry in Orleans'
/// binary format.
/// </summary>
public sealed record JournalRow(string Partition, string RowKey, ReadOnlyMemory<byte> Data)
{
    public const int VersionDigits = 12;

    public static string RowKeyOf(string accountId, long version) => $"{accountId}~{version.ToString("D" + VersionDigits, System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The line's head row: the last version written, the fence every append goes through.</summary>
    public static string HeadKeyOf(string accountId) => accountId + "~head";

    public long Version => long.Parse(RowKey.AsSpan(RowKey.Length - VersionDigits), System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"JournalRow({Partition}/{RowKey}, {Data.Length} B)";
}

/// <summary>
/// One append of a line: its entry, and the move of its head to that version, conditional on the head as this
/// activation last saw it (<see cref="HeadETag"/>; null for a line that has no head yet, which creates it).
/// </summary>
public sealed record JournalAppend(string AccountId, long Version, JournalRow Entry, string? HeadETag);

/// <summary>The head of a line: the last version written to the commit log, and its ETag.</summary>
public sealed record JournalHead(long Version, string ETag);

/// <summary>
/// Another activation of the line moved its head since this one read it (split brain, or a stale activation): this
/// append is refused and stored nothing, so the activation must stop.
/// </summary>
public sealed class JournalFencedException(string accountId, Exception? inner = null)
    : Exception($"Another activation of line {accountId} wrote to the commit log after this one read it; this activation must stop.", inner)
{
    public string AccountId { get; } = accountId;
}
