namespace BaiTiaoSwitch.Tests.Model;

/// <summary>
/// The reference model's credit products (guarantee 12, the line's side), written plainly from wave 4's design: movements
/// are a list, totals are summed from it each time, periods are computed from calendar dates by hand.
/// </summary>
public sealed partial class ReferenceLine
{
    public const int BillingDay = 1;
    public int OpenPeriodsMax { get; init; } = 3;
    public int PlansMax { get; init; } = 4;
    public int PlanRefundsMax { get; init; } = 5;

    private static readonly long[] exercised = new long[5];

    /// <summary>Over every line of the run: plans made, refunds on plans, repayments applied, cuts acknowledged, movements refused as overloaded.</summary>
    public static (long Plans, long PlanRefunds, long Repayments, long Cuts, long Overloaded) Exercised =>
        (Interlocked.Read(ref exercised[0]), Interlocked.Read(ref exercised[1]), Interlocked.Read(ref exercised[2]), Interlocked.Read(ref exercised[3]), Interlocked.Read(ref exercised[4]));

    private static Outcome Count(int what, Outcome outcome)
    {
        Interlocked.Increment(ref exercised[what]);
        return outcome;
    }

    private static Outcome Overloaded() => Count(4, Outcome.Error("overloaded"));

    public sealed record Movement(DateOnly Period, string Kind, long Amount);

    public sealed record PlanRefundEntry(long Sequence, string Plan, long Amount, long Reduced, long ToBalance);

    public List<Movement> Movements { get; } = [];

    /// <summary>Plans the line still knows, with their unbilled principal.</summary>
    public Dictionary<string, long> PlanUnbilled { get; } = [];

    public Dictionary<CaptureEntry, string> PlanOf { get; } = [];

    public List<PlanRefundEntry> PlanRefunds { get; } = [];

    public List<(long Moved, long Reduced, long InstallmentRepaid, long PrincipalRepaid)> CreditEntries { get; } = [];

    public DateOnly? LastCut { get; private set; }

    public long PrincipalRepaid => CreditEntries.Sum(entry => entry.PrincipalRepaid);

    public long InstallmentsOutstanding => CreditEntries.Sum(entry => entry.Moved - entry.Reduced - entry.InstallmentRepaid);

    /// <summary>The statement a local day belongs to: the billing day of its month if not past it, else of the next month.</summary>
    public static DateOnly CutOf(DateTimeOffset at)
    {
        var local = DateOnly.FromDateTime(China(at).DateTime);
        var cut = new DateOnly(local.Year, local.Month, BillingDay);
        return local.Day <= BillingDay ? cut : cut.AddMonths(1);
    }

    /// <summary>The cut happens at 00:00 China time of the day after the billing day.</summary>
    public static DateTimeOffset CutInstant(DateOnly cut) => new(cut.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

    public DateOnly PeriodNow(DateTimeOffset now) => LastCut is { } last && CutOf(now) <= last ? last.AddMonths(1) : CutOf(now);

    private bool NoRoomFor(DateOnly period) => !Movements.Any(movement => movement.Period == period) && Movements.Select(movement => movement.Period).Distinct().Count() >= OpenPeriodsMax;

    private void Move(DateOnly period, string kind, long amount)
    {
        if (amount != 0)
        {
            Movements.Add(new Movement(period, kind, amount));
        }
    }

    public Outcome Plan(CaptureEntry capture, string planId, DateTimeOffset now)
    {
        var principal = capture.Amount - capture.Refunded;
        if (PlanOf.ContainsKey(capture) || PlanUnbilled.ContainsKey(planId) || PlanUnbilled.Count >= PlansMax)
        {
            return Outcome.Error("invalid_transition");
        }

        var billed = LastCut is { } last && CutOf(capture.At) <= last;
        var period = billed ? PeriodNow(now) : CutOf(capture.At);
        if (NoRoomFor(period))
        {
            return Overloaded();
        }

        if (principal > Posted - InstallmentsOutstanding)
        {
            return Outcome.Error("invalid_transition");
        }

        PlanOf[capture] = planId;
        PlanUnbilled[planId] = principal;
        CreditEntries.Add((principal, 0, 0, 0));
        Move(period, billed ? "correction" : "converted", principal);
        return Count(0, new Outcome($"plan:{billed}:{period:yyyyMMdd}", principal, InstallmentsOutstanding, Posted));
    }

    /// <summary>The plan's share of a refund (its unbilled principal first); returns what goes to the revolving balance.</summary>
    private long RefundOnPlan(CaptureEntry capture, long amount)
    {
        if (!PlanOf.TryGetValue(capture, out var planId) || !PlanUnbilled.TryGetValue(planId, out var unbilled))
        {
            return amount;
        }

        var reduced = Math.Min(amount, unbilled);
        Interlocked.Increment(ref exercised[1]);
        PlanUnbilled[planId] = unbilled - reduced;
        CreditEntries.Add((0, reduced, 0, 0));
        PlanRefunds.Add(new PlanRefundEntry(PlanRefunds.Count == 0 ? nextRefund : PlanRefunds[^1].Sequence + 1, planId, amount, reduced, amount - reduced));
        nextRefund = PlanRefunds[^1].Sequence + 1;
        return amount - reduced;
    }

    private long nextRefund = 1;

    private bool PlanRefundsFull(CaptureEntry capture) =>
        PlanOf.TryGetValue(capture, out var planId) && PlanUnbilled.ContainsKey(planId) && PlanRefunds.Count >= PlanRefundsMax;

    public Outcome Repay(long amount, long lateFee, long installmentPrincipal, long statementBalance, DateTimeOffset now)
    {
        if (NoRoomFor(PeriodNow(now)))
        {
            return Overloaded();
        }

        var revolving = Posted - InstallmentsOutstanding;
        var owed = new[]
        {
            lateFee,
            Math.Min(installmentPrincipal, Math.Min(Math.Max(0, InstallmentsOutstanding - PlanUnbilled.Values.Sum()), Math.Max(0, Posted))),
            Math.Min(statementBalance, Math.Max(0, revolving)),
            0L,
        };
        owed[3] = Math.Max(0, revolving - owed[2]);
        if (amount > owed.Sum())
        {
            return Outcome.Error("repayment_exceeds_balance");
        }

        var paid = new long[4];
        var left = amount;
        for (var i = 0; i < 4; i++)
        {
            paid[i] = Math.Min(left, owed[i]);
            left -= paid[i];
        }

        var principal = paid[1] + paid[2] + paid[3];
        CreditEntries.Add((0, 0, paid[1], principal));
        Move(PeriodNow(now), "repaid-principal", principal);
        Move(PeriodNow(now), "repaid-fees", paid[0]);
        return Count(2, new Outcome($"repay:{paid[0]}/0/{paid[1]}/{paid[2]}/{paid[3]}", amount, PrincipalRepaid, InstallmentsOutstanding, Posted));
    }

    /// <summary>The credit grain stored the cut of <paramref name="cut"/>, billing <paramref name="billed"/> of each plan.</summary>
    public Outcome AcknowledgeCut(DateOnly cut, IReadOnlyDictionary<string, long> billed, long refundsThrough, DateTimeOffset now)
    {
        if (LastCut is { } last && cut <= last)
        {
            return new Outcome($"cut:{last:yyyyMMdd}");
        }

        if (CutInstant(cut) > now)
        {
            return Outcome.Error("invalid_transition");
        }

        Movements.RemoveAll(movement => movement.Period <= cut);
        foreach (var (planId, principal) in billed)
        {
            if (PlanUnbilled.TryGetValue(planId, out var unbilled))
            {
                PlanUnbilled[planId] = unbilled - Math.Min(principal, unbilled);
            }
        }

        PlanRefunds.RemoveAll(refund => refund.Sequence <= refundsThrough);
        foreach (var planId in PlanUnbilled.Keys.ToList())
        {
            if (PlanUnbilled[planId] == 0 && !PlanRefunds.Any(refund => refund.Plan == planId))
            {
                PlanUnbilled.Remove(planId);
            }
        }

        LastCut = cut;
        return Count(3, new Outcome($"cut:{cut:yyyyMMdd}"));
    }

    /// <summary>Totals per open period and kind, as text both sides can produce.</summary>
    public string PeriodTotals() => string.Join(";", Movements.GroupBy(movement => (movement.Period, movement.Kind)).OrderBy(group => group.Key.Period).ThenBy(group => group.Key.Kind, StringComparer.Ordinal)
        .Select(group => $"{group.Key.Period:yyyyMMdd}:{group.Key.Kind}={group.Sum(movement => movement.Amount)}"));
}
