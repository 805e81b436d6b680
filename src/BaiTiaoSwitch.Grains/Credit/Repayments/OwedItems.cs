namespace BaiTiaoSwitch.Credit;

/// <summary>
/// What is owed on the line as the credit grain sees it (every bucket but Unbilled, which the account adds: it alone
/// knows the revolving principal not yet billed), and how a repayment's allocation comes off it. Item references:
/// <c>lf:{statementId}</c>, <c>{planId}:{period}:fee</c>, <c>{planId}:{period}</c>, <c>sb:{statementId}</c>.
/// </summary>
public static class OwedItems
{
    public static RepaymentOwed Of(CreditState state, StatementPeriods calendar)
    {
        var lateFees = new List<OwedItem>();
        foreach (var entry in state.Statements.Where(entry => entry.LateFeesOwed > 0))
        {
            lateFees.Add(new OwedItem(LateFeeRef(entry.Statement.StatementId), calendar.OverdueFrom(entry.Statement.DueDate), entry.LateFeesOwed));
        }

        var fees = new List<OwedItem>();
        var principal = new List<OwedItem>();
        foreach (var entry in state.Plans)
        {
            foreach (var period in entry.Plan.Schedule.Where(period => period.Period <= entry.BilledPeriods))
            {
                var since = calendar.StartOf(period.DueDate);
                var fee = period.Fee - CreditCuts.PaidOf(entry.FeePaid, period.Period);
                var owed = period.Principal - CreditCuts.PaidOf(entry.PrincipalPaid, period.Period);
                if (fee > 0)
                {
                    fees.Add(new OwedItem($"{entry.Plan.PlanId}:{period.Period}:fee", since, fee));
                }

                if (owed > 0)
                {
                    principal.Add(new OwedItem($"{entry.Plan.PlanId}:{period.Period}", since, owed));
                }
            }
        }

        IReadOnlyList<OwedItem> balance = state.StatementBalanceOwed > 0 && state.Statements.LastOrDefault() is { } latest
            ? [new OwedItem("sb:" + latest.Statement.StatementId, latest.Statement.PeriodEnd, state.StatementBalanceOwed)]
            : [];
        return new RepaymentOwed(lateFees, fees, principal, balance, []);
    }

    /// <summary>Takes what the repayment paid off the owed items, and counts it on every hot statement.</summary>
    public static void Apply(CreditState state, RepaymentAllocationResult allocation)
    {
        foreach (var item in allocation.Items)
        {
            switch (item.Bucket)
            {
                case RepaymentBucket.LateFees:
                    if (state.Statements.FirstOrDefault(entry => LateFeeRef(entry.Statement.StatementId) == item.Reference) is { } statement)
                    {
                        statement.LateFeesPaid = checked(statement.LateFeesPaid + item.Amount);
                    }

                    break;
                case RepaymentBucket.InstallmentFees:
                case RepaymentBucket.InstallmentPrincipal:
                    PayPeriod(state, item);
                    break;
                case RepaymentBucket.StatementBalance:
                    state.StatementBalanceOwed = Math.Max(0, checked(state.StatementBalanceOwed - item.Amount));
                    break;
            }
        }

        foreach (var entry in state.Statements)
        {
            entry.RepaidSinceCut = checked(entry.RepaidSinceCut + allocation.Allocated.Total);
            entry.PrincipalRepaidSinceCut = checked(entry.PrincipalRepaidSinceCut + allocation.Allocated.PrincipalRestored);
        }
    }

    private static void PayPeriod(CreditState state, ItemPaid item)
    {
        var parts = item.Reference.Split(':');
        var entry = state.Plans.FirstOrDefault(plan => plan.Plan.PlanId == parts[0]);
        if (entry is null || parts.Length < 2 || !int.TryParse(parts[1], out var number))
        {
            return;
        }

        var paid = item.Bucket == RepaymentBucket.InstallmentFees ? entry.FeePaid : entry.PrincipalPaid;
        while (paid.Count < number)
        {
            paid.Add(0);
        }

        paid[number - 1] = checked(paid[number - 1] + item.Amount);
        PlanProgress.MarkPaid(entry);
    }

    private static string LateFeeRef(string statementId) => "lf:" + statementId;
}
