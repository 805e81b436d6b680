namespace BaiTiaoSwitch.Credit;

/// <summary>
/// Billing-cycle arithmetic of one account, in the terms' zone (China time, UTC+8, no daylight saving, by default).
/// <list type="bullet">
/// <item>A statement is cut at the end of the billing day (1–28, so every month has it): the cut instant is 00:00 of
/// the next local day. A purchase on the billing day is on that statement; one the day after is on the next.</item>
/// <item>The period of the statement cut on date C is [cut of C − 1 month, cut of C).</item>
/// <item>The due date is C + due days; the amount is paid on time if paid by the end of that local day, and is
/// overdue from 00:00 of the day after.</item>
/// <item>Interest-free period: a purchase the day after a cut is billed on the next cut and due 9 days later; with
/// the defaults that is (days in the month − 1) + 9 days: 38 in a 30-day month, 39 in a 31-day month, 36 after a
/// 28-day February (the "at most about 38 days").</item>
/// </list>
/// </summary>
public sealed record StatementPeriods(int BillingDay, int DueDays, TimeSpan UtcOffset)
{
    public const int BillingDayMin = 1;
    public const int BillingDayMax = 28;

    /// <summary>The periods of an account with <paramref name="billingDay"/> (null: the terms' default) under <paramref name="terms"/>.</summary>
    public static StatementPeriods For(int? billingDay, CreditTerms terms)
    {
        var day = billingDay ?? terms.BillingDayDefault;
        if (day is < BillingDayMin or > BillingDayMax)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'billingDay' must be from {BillingDayMin} to {BillingDayMax}.");
        }

        return new StatementPeriods(day, terms.StatementDueDays, terms.UtcOffset);
    }

    /// <summary>The local calendar date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(UtcOffset).DateTime);

    /// <summary>00:00 local time of a date, as a UTC instant.</summary>
    public DateTimeOffset StartOf(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), UtcOffset).ToUniversalTime();

    /// <summary>The cut instant of the statement cut on <paramref name="cutDate"/>: the end of that local day.</summary>
    public DateTimeOffset CutInstant(DateOnly cutDate) => StartOf(cutDate.AddDays(1));

    /// <summary>The cut date of the statement whose period holds <paramref name="instant"/>.</summary>
    public DateOnly CutDateOf(DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        var cut = new DateOnly(date.Year, date.Month, BillingDay);
        return date.Day <= BillingDay ? cut : cut.AddMonths(1);
    }

    public DateTimeOffset PeriodStart(DateOnly cutDate) => CutInstant(cutDate.AddMonths(-1));

    public DateTimeOffset PeriodEnd(DateOnly cutDate) => CutInstant(cutDate);

    public DateOnly DueDateOf(DateOnly cutDate) => cutDate.AddDays(DueDays);

    /// <summary>The first instant the statement's unpaid amount is overdue: 00:00 local of the day after the due date.</summary>
    public DateTimeOffset OverdueFrom(DateOnly dueDate) => StartOf(dueDate.AddDays(1));

    /// <summary>Days from a purchase's local date to the due date of the statement that bills it: its interest-free days.</summary>
    public int InterestFreeDays(DateTimeOffset purchase) => DueDateOf(CutDateOf(purchase)).DayNumber - LocalDate(purchase).DayNumber;

    /// <summary>
    /// The cut dates whose cut instant is in (<paramref name="after"/>, <paramref name="through"/>], oldest first: what
    /// a clock moving from one to the other must cut, in order, once each.
    /// </summary>
    public IReadOnlyList<DateOnly> CutsBetween(DateTimeOffset after, DateTimeOffset through)
    {
        var cuts = new List<DateOnly>();
        for (var cut = CutDateOf(after); CutInstant(cut) <= through; cut = cut.AddMonths(1))
        {
            if (CutInstant(cut) > after)
            {
                cuts.Add(cut);
            }
        }

        return cuts;
    }
}
