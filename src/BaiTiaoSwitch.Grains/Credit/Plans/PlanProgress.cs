namespace BaiTiaoSwitch.Credit;

/// <summary>
/// A plan's periods as repayments and refunds change them: a period whose principal and fee are both paid is
/// <c>paid</c>; a plan whose every period is paid is <c>paid_off</c> (it then leaves hot state for the archive); refunds
/// the account recorded rebuild the periods not yet billed (<see cref="InstallmentRefund"/>), each refund once.
/// </summary>
public static class PlanProgress
{
    public static void MarkPaid(PlanEntry entry)
    {
        var schedule = entry.Plan.Schedule.Select(period =>
            period.Status == InstallmentPeriodStatus.Due
            && CreditCuts.PaidOf(entry.PrincipalPaid, period.Period) >= period.Principal
            && CreditCuts.PaidOf(entry.FeePaid, period.Period) >= period.Fee
                ? period with { Status = InstallmentPeriodStatus.Paid }
                : period).ToList();
        var status = entry.Plan.Status == InstallmentPlanStatus.Active && schedule.All(period => period.Status == InstallmentPeriodStatus.Paid)
            ? InstallmentPlanStatus.PaidOff
            : entry.Plan.Status;
        entry.Plan = entry.Plan with { Schedule = schedule, Status = status };
    }

    /// <summary>
    /// A plan made on a purchase already billed (its statement not yet due) takes the purchase off the statements: the
    /// statement-balance item drops by its principal, and the statements count it as settled (by conversion, not by a
    /// repayment), so neither their standing nor their late fees count it again. The next statement shows it as a
    /// correction.
    /// </summary>
    public static void MovedOffStatements(CreditState state, long principal)
    {
        state.StatementBalanceOwed = Math.Max(0, checked(state.StatementBalanceOwed - principal));
        foreach (var entry in state.Statements)
        {
            entry.RepaidSinceCut = checked(entry.RepaidSinceCut + principal);
            entry.PrincipalRepaidSinceCut = checked(entry.PrincipalRepaidSinceCut + principal);
        }
    }

    /// <summary>True when the plan is finished (paid off or cancelled): it goes to the archive.</summary>
    public static bool IsFinished(PlanEntry entry) => entry.Plan.Status != InstallmentPlanStatus.Active;

    /// <summary>Applies the account's plan refunds not applied yet, in sequence order; true when any was.</summary>
    public static bool ApplyRefunds(CreditState state, IReadOnlyList<PlanRefund> refunds)
    {
        var changed = false;
        foreach (var refund in refunds.Where(refund => refund.Sequence > state.RefundsAppliedThrough).OrderBy(refund => refund.Sequence))
        {
            if (state.Plans.FirstOrDefault(entry => entry.Plan.PlanId == refund.PlanId) is { } entry && refund.Amount > 0)
            {
                entry.Plan = InstallmentRefund.Apply(entry.Plan, refund.Amount, entry.BilledPeriods).Plan;
                MarkPaid(entry);
            }

            state.RefundsAppliedThrough = refund.Sequence;
            changed = true;
        }

        return changed;
    }
}
