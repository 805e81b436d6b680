namespace BaiTiaoSwitch.Accounts;

/// <summary>Calendar day and month keys (yyyyMMdd, yyyyMM) in the configured zone, China Standard Time by default.</summary>
public readonly record struct LimitWindows(int DayKey, int MonthKey)
{
    public static LimitWindows At(DateTimeOffset instant, TimeSpan utcOffset)
    {
        var local = instant.ToOffset(utcOffset);
        return new LimitWindows((local.Year * 10_000) + (local.Month * 100) + local.Day, (local.Year * 100) + local.Month);
    }
}
