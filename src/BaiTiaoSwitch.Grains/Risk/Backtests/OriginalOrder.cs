using System.Globalization;
using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>Original order: decision time, then line, then the line's journal version and place in the entry.</summary>
public sealed class OriginalOrder : IComparer<SwitchEvent>
{
    public static readonly OriginalOrder Instance = new();

    public int Compare(SwitchEvent? x, SwitchEvent? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var byTime = x.At.UtcTicks.CompareTo(y.At.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        var (xLine, xVersion, xIndex) = Parts(x.EventId);
        var (yLine, yVersion, yIndex) = Parts(y.EventId);
        var byLine = string.CompareOrdinal(xLine, yLine);
        return byLine != 0 ? byLine : xVersion != yVersion ? xVersion.CompareTo(yVersion) : xIndex.CompareTo(yIndex);
    }

    private static (string Line, long Version, int Index) Parts(string eventId)
    {
        var parts = eventId.Split('~');
        return parts.Length == 3 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var version) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var index)
            ? (parts[0], version, index)
            : (eventId, 0, 0);
    }
}
