using System.Globalization;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// Names of the decision history's blobs: <c>{serviceId}/{yyyy}/{MM}/{dd}/{HH}/{recorder}~{sequence:D5}.log</c>, the
/// append blob one recorder (one event stream) appends an hour's decisions to, a block per delivered message, and
/// <c>….dat</c>, the block blob that append blob was compacted into. The sequence starts at 0 and moves on when a log
/// is full (<see cref="BacktestOptions.HistoryBlocksPerBlobMax"/>) or already compacted. The hour is a prefix, so a
/// backtest lists the hours of its window and the sweep the hours before its cutoff, both in time order (names sort by
/// hour); a compacted blob sorts just before its log.
/// </summary>
public static class DecisionBlobNames
{
    public const string LogSuffix = ".log";
    public const string CompactedSuffix = ".dat";

    /// <summary>Length of <c>yyyy/MM/dd/HH/</c>.</summary>
    private const int HourLength = 14;

    /// <summary>The append blob of a recorder's hour, at a sequence number.</summary>
    public static string Log(string serviceId, DateTimeOffset hour, string recorder, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{RecorderPrefix(serviceId, hour, recorder)}{sequence:D5}{LogSuffix}");

    /// <summary>The block blob a log is compacted into.</summary>
    public static string CompactedOf(string logName) => logName[..^LogSuffix.Length] + CompactedSuffix;

    /// <summary>The log a compacted blob was made from.</summary>
    public static string LogOf(string compactedName) => compactedName[..^CompactedSuffix.Length] + LogSuffix;

    public static bool IsLog(string name) => name.EndsWith(LogSuffix, StringComparison.Ordinal);

    public static bool IsCompacted(string name) => name.EndsWith(CompactedSuffix, StringComparison.Ordinal);

    /// <summary>Every blob of one recorder's hour: its logs and their compacted forms.</summary>
    public static string RecorderPrefix(string serviceId, DateTimeOffset hour, string recorder)
    {
        if (string.IsNullOrEmpty(recorder) || !recorder.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_'))
        {
            throw new ArgumentException($"A decision recorder's name must be of [A-Za-z0-9_-]: '{recorder}'.", nameof(recorder));
        }

        return HourPrefix(serviceId, hour) + recorder + "~";
    }

    /// <summary>The sequence number of a log or compacted blob.</summary>
    public static int SequenceOf(string name)
    {
        var start = name.LastIndexOf('~') + 1;
        var end = name.LastIndexOf('.');
        return start > 0 && end > start && int.TryParse(name.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw new FormatException($"Not a decision history blob name: {name}");
    }

    /// <summary>The service's prefix: every hour of it, in time order.</summary>
    public static string ServicePrefix(string serviceId) => serviceId + "/";

    public static string HourPrefix(string serviceId, DateTimeOffset hour) => ServicePrefix(serviceId) + hour.UtcDateTime.ToString("yyyy/MM/dd/HH/", CultureInfo.InvariantCulture);

    /// <summary>The hour prefix a blob name of the service starts with.</summary>
    public static string HourPrefixOf(string serviceId, string name) => name[..(ServicePrefix(serviceId).Length + HourLength)];

    public static DateTimeOffset Hour(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
}
