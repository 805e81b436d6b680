namespace BaiTiaoSwitch.Cli.Demo;

/// <summary>When a line's next statement is cut: at the end of its billing day in China time (00:00 of the next local day).</summary>
public static class StatementClock
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateTimeOffset NextCut(DateTimeOffset now, int billingDay)
    {
        var local = now.ToOffset(ChinaOffset);
        var thisMonth = new DateTimeOffset(local.Year, local.Month, billingDay, 0, 0, 0, ChinaOffset).AddDays(1);
        return thisMonth > now ? thisMonth : new DateTimeOffset(local.Year, local.Month, billingDay, 0, 0, 0, ChinaOffset).AddMonths(1).AddDays(1);
    }

    public static string China(DateTimeOffset instant) => instant.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
