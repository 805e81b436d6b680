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

    /// <summary>The first row key after every entry of <paramref name="accountId"/> ('~' sorts after every digit and id character).</summary>
    public static string RowKeyAfter(string accountId) => accountId + "~~";

    public long Version => long.Parse(RowKey.AsSpan(RowKey.Length - VersionDigits), System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"JournalRow({Partition}/{RowKey}, {Data.Length} B)";
}

/// <summary>An entry of this version already exists: another activation of the line wrote it (split brain), so this one must stop.</summary>
public sealed class JournalRowExistsException(string rowKey, Exception? inner = null)
    : Exception($"The journal already holds {rowKey}: another activation of this line wrote that version.", inner)
{
    public string RowKey { get; } = rowKey;
}
