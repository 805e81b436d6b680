using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// Names of the decision history's blobs: <c>{serviceId}/{yyyy}/{MM}/{dd}/{HH}/{first event id}~{count}~{fingerprint}</c>,
/// one blob per delivered queue message and hour of its decisions (by the switch's clock). The hour is a prefix, so a
/// backtest lists the hours of its window and the sweep the hours before its cutoff, both in time order (names sort by
/// hour). The fingerprint (the first 8 bytes of SHA-256 over the event ids) and the count come from the events alone: a
/// message delivered twice names the same blob with the same content, and a different grouping of events (a line that
/// republishes after a restart) names another blob, never overwriting one with less. The count lets the sweep say how
/// many decisions it deleted without reading them.
/// </summary>
public static class DecisionBlobNames
{
    /// <summary>Length of <c>yyyy/MM/dd/HH/</c>.</summary>
    private const int HourLength = 14;

    public static string Of(string serviceId, DateTimeOffset hour, IReadOnlyList<SwitchEvent> decisions)
    {
        var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', decisions.Select(decision => decision.EventId))));
        return string.Create(CultureInfo.InvariantCulture, $"{HourPrefix(serviceId, hour)}{decisions[0].EventId}~{decisions.Count}~{Convert.ToHexStringLower(fingerprint.AsSpan(0, 8))}");
    }

    /// <summary>The service's prefix: every hour of it, in time order.</summary>
    public static string ServicePrefix(string serviceId) => serviceId + "/";

    public static string HourPrefix(string serviceId, DateTimeOffset hour) => ServicePrefix(serviceId) + hour.UtcDateTime.ToString("yyyy/MM/dd/HH/", CultureInfo.InvariantCulture);

    /// <summary>The hour prefix a blob name of the service starts with.</summary>
    public static string HourPrefixOf(string serviceId, string name) => name[..(ServicePrefix(serviceId).Length + HourLength)];

    /// <summary>How many decisions the blob holds, from its name.</summary>
    public static int CountOf(string name)
    {
        var parts = name.Split('~');
        return parts.Length >= 3 && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
    }

    public static DateTimeOffset Hour(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
}
