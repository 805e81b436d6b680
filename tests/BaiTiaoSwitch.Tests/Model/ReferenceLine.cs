namespace BaiTiaoSwitch.Tests.Model;

/// <summary>
/// The reference model of one credit line, written plainly and on purpose unlike the real ledger: balances are never
/// stored, they are summed from the holds, captures and refunds every time; limit usage is summed from a list of
/// dated entries. The rules are docs/concepts.md's, read as a specification.
/// </summary>
public sealed partial class ReferenceLine(long limit, int overCapturePercent, long overCaptureMax, TimeSpan holdPeriod, int openHoldsMax)
{
    public sealed class Hold
    {
        public required int Grant { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public long Amount { get; set; }
        public long Captured { get; set; }
        public long Reversed { get; set; }
        public string Status { get; set; } = "pending";
        public bool Approved { get; init; }
        public long Held => Status == "pending" ? Amount - Captured - Reversed : 0;
    }

    public sealed class CaptureEntry
    {
        public required Hold Hold { get; init; }
        public required long Amount { get; init; }
        public required long Forced { get; init; }
        public required DateTimeOffset At { get; init; }
        public long Refunded { get; set; }
    }

    /// <summary>One entry of limit usage: an amount and a count, dated by the windows it counts in.</summary>
    public sealed record Usage(string Level, DateTimeOffset At, long Amount, int Count);

    public long Limit { get; set; } = limit;

    /// <summary>The limit the issuer last set (the line starts with score 700: its whole limit is in force).</summary>
    public long IssuerLimit { get; set; } = limit;

    public int Score { get; set; } = 700;

    /// <summary>The one enforce risk rule of the run: velocity, scope grant (the real line also has a shadow rule, which must change nothing).</summary>
    public int VelocityCountMax { get; init; } = int.MaxValue;

    public TimeSpan VelocityWindow { get; init; } = TimeSpan.Zero;

    private static long velocityDeclines;

    /// <summary>Payments the velocity rule declined, over every line of the run (so a test can show the rule was exercised).</summary>
    public static long VelocityDeclines => Interlocked.Read(ref velocityDeclines);

    public bool Frozen { get; set; }

    public List<Hold> Holds { get; } = [];

    public List<CaptureEntry> CaptureEntries { get; } = [];

    public List<Usage> Usages { get; } = [];

    public Dictionary<string, (long? PerTransaction, long? DayAmount, int? DayCount, int? MonthCount)> Limits { get; } = new()
    {
        ["a"] = (null, null, null, null), ["g0"] = (null, null, null, null), ["g1"] = (null, null, null, null),
    };

    public Dictionary<int, bool> GrantActive { get; } = new() { [0] = true, [1] = true };

    public long Pending => Holds.Sum(hold => hold.Held);

    public long Posted => CaptureEntries.Sum(capture => capture.Amount - capture.Refunded) - PrincipalRepaid;

    public long Available => Limit - Pending - Posted;

    public int OpenHolds => Holds.Count(hold => hold.Status == "pending");

    public long ForcedTotal => CaptureEntries.Sum(capture => capture.Forced);

    public int ForcedCount => CaptureEntries.Count(capture => capture.Forced > 0);

    private static DateTimeOffset China(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8));

    private static bool SameDay(DateTimeOffset a, DateTimeOffset b) => China(a).Date == China(b).Date;

    private static bool SameMonth(DateTimeOffset a, DateTimeOffset b) => China(a).Year == China(b).Year && China(a).Month == China(b).Month;

    private long DayAmount(string level, DateTimeOffset now) => Usages.Where(u => u.Level == level && SameDay(u.At, now)).Sum(u => u.Amount);

    private int DayCount(string level, DateTimeOffset now) => Usages.Where(u => u.Level == level && SameDay(u.At, now)).Sum(u => u.Count);

    private int MonthCount(string level, DateTimeOffset now) => Usages.Where(u => u.Level == level && SameMonth(u.At, now)).Sum(u => u.Count);

    private static string[] Levels(int grant) => ["g" + grant, "c", "a"];

    /// <summary>The decline reason, in the precedence of the wire contract, or null to approve.</summary>
    private string? Decide(int grant, long amount, long transactionAmount, bool isNew, DateTimeOffset now)
    {
        if (!GrantActive[grant])
        {
            return "GrantNotActive";
        }

        if (Frozen)
        {
            return "AccountNotActive";
        }

        var levels = Levels(grant).Where(Limits.ContainsKey).Select(level => (level, limits: Limits[level])).ToList();
        var count = isNew ? 1 : 0;
        return levels.Any(l => transactionAmount > l.limits.PerTransaction) ? "ExceedsTransactionLimit"
            : levels.Any(l => DayAmount(l.level, now) + amount > l.limits.DayAmount) ? "ExceedsDailyAmount"
            : levels.Any(l => DayCount(l.level, now) + count > l.limits.DayCount) ? "ExceedsDailyCount"
            : levels.Any(l => MonthCount(l.level, now) + count > l.limits.MonthCount) ? "ExceedsMonthlyCount"
            : Pending + Posted + amount > Limit ? "InsufficientCredit"
            : isNew && OpenHolds >= openHoldsMax ? "RiskDeclined"
            : null;
    }

    private void Use(int grant, DateTimeOffset at, long amount, int count)
    {
        foreach (var level in Levels(grant))
        {
            Usages.Add(new Usage(level, at, amount, count));
        }
    }

    /// <summary>A released amount goes back to the day and month the hold was made in (only matters while current).</summary>
    private void GiveBack(Hold hold, long amount)
    {
        if (amount > 0)
        {
            Use(hold.Grant, hold.CreatedAt, -amount, 0);
        }
    }

    private long Tolerance(long holdAmount) => Math.Min(holdAmount * overCapturePercent / 100, overCaptureMax);

    private void ExpireIfDue(Hold hold, DateTimeOffset now)
    {
        if (hold.Status == "pending" && hold.CreatedAt + holdPeriod <= now)
        {
            GiveBack(hold, hold.Held);
            hold.Status = "expired";
        }
    }
}
