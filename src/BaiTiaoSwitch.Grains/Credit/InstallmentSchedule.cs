namespace BaiTiaoSwitch.Credit;

/// <summary>
/// A plan's schedule, exact to the fen. The total fee is the fee rate per period on the original principal, times the
/// periods, rounded half up once (<c>round(P × r × n)</c>); it is never rounded per period. Principal and fee are each
/// spread evenly: every period but the last gets the amount divided by the periods, rounded down, and the last gets the
/// rest, so the schedule sums exactly to the principal and to the total fee. Period k (from 1) is billed on the k-th
/// cut from the first one, and due on that statement's due date.
/// </summary>
public static class InstallmentSchedule
{
    public static long TotalFee(long principal, int periods, Rate feeRatePerPeriod) => feeRatePerPeriod.OfHalfUp(principal, periods);

    /// <summary>The regular fee of a period (every period but the last, which takes the rounding).</summary>
    public static long FeePerPeriod(long totalFee, int periods) => totalFee / periods;

    /// <summary>The due dates of <paramref name="periods"/> periods, the first billed on the statement cut on <paramref name="firstCutDate"/>.</summary>
    public static IReadOnlyList<DateOnly> DueDates(StatementPeriods calendar, DateOnly firstCutDate, int periods) =>
        [.. Enumerable.Range(0, periods).Select(k => calendar.DueDateOf(firstCutDate.AddMonths(k)))];

    public static IReadOnlyList<InstallmentPeriod> Build(long principal, int periods, Rate feeRatePerPeriod, IReadOnlyList<DateOnly> dueDates)
    {
        if (periods < 1 || dueDates.Count != periods)
        {
            throw new ArgumentException($"A schedule needs one due date per period ({periods} periods, {dueDates.Count} dates).", nameof(dueDates));
        }

        return Spread(1, principal, TotalFee(principal, periods, feeRatePerPeriod), dueDates);
    }

    /// <summary>
    /// Spreads a principal and a fee over consecutive periods numbered from <paramref name="firstPeriod"/>, one per due
    /// date, evenly with the rounding in the last. Also used to rebuild the periods a refund shrinks.
    /// </summary>
    public static IReadOnlyList<InstallmentPeriod> Spread(int firstPeriod, long principal, long fee, IReadOnlyList<DateOnly> dueDates)
    {
        if (principal < 0 || fee < 0 || dueDates.Count == 0)
        {
            throw new ArgumentException("A spread needs a non-negative principal and fee and at least one due date.");
        }

        var count = dueDates.Count;
        var principalEach = principal / count;
        var feeEach = fee / count;
        var schedule = new InstallmentPeriod[count];
        for (var i = 0; i < count; i++)
        {
            var last = i == count - 1;
            schedule[i] = new InstallmentPeriod(
                firstPeriod + i,
                dueDates[i],
                last ? checked(principal - (principalEach * (count - 1))) : principalEach,
                last ? checked(fee - (feeEach * (count - 1))) : feeEach,
                InstallmentPeriodStatus.Due);
        }

        return schedule;
    }

    /// <summary>What the customer pays in each period (principal plus fee), in order: the flows the APR is computed on.</summary>
    public static IReadOnlyList<long> Payments(IReadOnlyList<InstallmentPeriod> schedule) => [.. schedule.Select(period => checked(period.Principal + period.Fee))];
}
