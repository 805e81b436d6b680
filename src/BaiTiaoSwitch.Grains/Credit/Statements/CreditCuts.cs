namespace BaiTiaoSwitch.Credit;

/// <summary>
/// One statement cut on a staged copy of the credit state: the account's period totals not yet cut, the installment
/// periods due on this statement, and the late fees charged in the period make the statement (<see cref="StatementCut"/>);
/// the plans learn what was billed; the statement-balance item becomes the new statement's revolving principal. Pure:
/// the same state and line give the same statement, so a cut re-run after a crash (its write lost) makes the same one.
/// </summary>
public static class CreditCuts
{
    /// <summary>The cut dates due by the line's now and not yet cut, oldest first.</summary>
    public static IReadOnlyList<DateOnly> Due(CreditState state, CreditLine line, StatementPeriods calendar)
    {
        var after = state.LastCut is { } last ? calendar.CutInstant(last) : line.OpenedAt;
        return calendar.CutsBetween(after, line.Now);
    }

    public static CutAcknowledgement Cut(CreditState state, CreditLine line, DateOnly cutDate, StatementPeriods calendar, CreditTerms terms)
    {
        var periodStart = calendar.PeriodStart(cutDate);
        var movements = new List<CreditMovement>();
        foreach (var period in line.Periods.Where(period => period.CutDate <= cutDate && (state.LastCut is not { } last || period.CutDate > last)))
        {
            Add(movements, CreditMovementKind.Purchase, period.Purchases, periodStart);
            Add(movements, CreditMovementKind.Refund, period.Refunds, periodStart);
            Add(movements, CreditMovementKind.ConvertedToInstallments, period.ConvertedToInstallments, periodStart);
            Add(movements, CreditMovementKind.PrincipalCorrection, period.PrincipalCorrections, periodStart);
            Add(movements, CreditMovementKind.RepaymentOfPrincipal, period.RepaymentsOfPrincipal, periodStart);
            Add(movements, CreditMovementKind.RepaymentOfFees, period.RepaymentsOfFees, periodStart);
        }

        var fees = state.UnbilledFees.Where(fee => StatementCut.Billed(fee, cutDate, calendar)).ToList();
        movements.AddRange(fees);
        state.UnbilledFees.RemoveAll(fees.Contains);

        var dueDate = calendar.DueDateOf(cutDate);
        var billed = new List<PlanBilled>();
        foreach (var entry in state.Plans)
        {
            foreach (var period in entry.Plan.Schedule.Where(period => period.Period > entry.BilledPeriods && period.DueDate <= dueDate))
            {
                Add(movements, CreditMovementKind.InstallmentPrincipalDue, period.Principal, periodStart);
                Add(movements, CreditMovementKind.InstallmentFeeDue, period.Fee, periodStart);
                billed.Add(new PlanBilled(entry.Plan.PlanId, period.Principal));
                entry.BilledPeriods = period.Period;
            }
        }

        var previous = state.Statements.LastOrDefault()?.Statement;
        var statement = StatementCut.Cut(line.AccountId, line.Currency, previous, cutDate, calendar, movements, terms, calendar.CutInstant(cutDate));
        state.Statements.Add(new StatementEntry { Statement = statement });
        state.StatementBalanceOwed = Math.Max(0, checked(statement.PrincipalBalance - InstallmentPrincipalOwed(state)));
        state.LastCut = cutDate;
        var plansBilled = billed.GroupBy(item => item.PlanId).Select(group => new PlanBilled(group.Key, group.Sum(item => item.Principal))).ToList();
        state.LastCutAck = new CutAcknowledgement(cutDate, plansBilled, state.RefundsAppliedThrough);
        return state.LastCutAck;
    }

    /// <summary>Installment principal billed and not yet paid, over every plan.</summary>
    public static long InstallmentPrincipalOwed(CreditState state)
    {
        var owed = 0L;
        foreach (var entry in state.Plans)
        {
            foreach (var period in entry.Plan.Schedule.Where(period => period.Period <= entry.BilledPeriods))
            {
                owed = checked(owed + Math.Max(0, period.Principal - PaidOf(entry.PrincipalPaid, period.Period)));
            }
        }

        return owed;
    }

    public static long PaidOf(List<long> paid, int period) => period - 1 < paid.Count ? paid[period - 1] : 0;

    private static void Add(List<CreditMovement> movements, CreditMovementKind kind, long amount, DateTimeOffset at)
    {
        if (amount > 0)
        {
            movements.Add(new CreditMovement(kind, amount, at, kind.ToString()));
        }
    }
}
