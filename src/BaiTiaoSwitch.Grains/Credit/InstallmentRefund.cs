namespace BaiTiaoSwitch.Credit;

/// <summary>
/// A refund of a purchase that is on installments (JD practice):
/// <list type="bullet">
/// <item>It first reduces the plan's remaining principal: the principal of the periods not yet billed.</item>
/// <item>The fees of those future periods are prorated to the principal that remains:
/// <c>newFutureFees = ⌊futureFees × newRemaining / remaining⌋</c> (rounded down: never more than the share); the
/// difference is waived.</item>
/// <item>Fees already billed stay, and so does principal already billed: a refund larger than the remaining principal
/// pays the rest back to the revolving balance (<see cref="InstallmentRefundResult.ToBalance"/>, a Refund movement on
/// the next statement).</item>
/// <item>The future periods keep their count and due dates and are spread again evenly, rounding in the last, so the
/// schedule still sums exactly to the plan's (reduced) principal and total fee. When nothing remains they are dropped:
/// the plan is cancelled if nothing was billed, paid off if everything billed is paid, else it stays active until it is.</item>
/// <item>Conservation: the account posts the refund like any other (<c>posted −= refund</c>); of it, the plan's
/// outstanding principal falls by <see cref="InstallmentRefundResult.PrincipalReduced"/> and the revolving balance by
/// <see cref="InstallmentRefundResult.ToBalance"/>, which add up to the refund.</item>
/// </list>
/// The disclosed APR and fee per period stay those of the plan as made.
/// </summary>
public static class InstallmentRefund
{
    /// <param name="plan">The plan as it stands.</param>
    /// <param name="refund">The refund amount, already checked by the account against the capture (≤ captured − refunded).</param>
    /// <param name="billedPeriods">How many periods have been billed on cut statements (periods 1..billedPeriods).</param>
    public static InstallmentRefundResult Apply(InstallmentPlan plan, long refund, int billedPeriods)
    {
        if (refund < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(refund), "A refund is at least 1 fen.");
        }

        var billed = plan.Schedule.Where(period => period.Period <= billedPeriods).ToList();
        var future = plan.Schedule.Where(period => period.Period > billedPeriods).ToList();
        var remaining = future.Sum(period => period.Principal);
        var futureFees = future.Sum(period => period.Fee);
        var reduced = Math.Min(refund, remaining);
        var newRemaining = checked(remaining - reduced);
        var newFutureFees = remaining == 0 ? 0 : checked((long)((Int128)futureFees * newRemaining / remaining));
        var waived = checked(futureFees - newFutureFees);

        IReadOnlyList<InstallmentPeriod> schedule = newRemaining == 0 && newFutureFees == 0
            ? billed
            : [.. billed, .. InstallmentSchedule.Spread(future[0].Period, newRemaining, newFutureFees, [.. future.Select(period => period.DueDate)])];
        var status = schedule.Count > billed.Count ? plan.Status
            : billed.Count == 0 ? InstallmentPlanStatus.Cancelled
            : billed.All(period => period.Status == InstallmentPeriodStatus.Paid) ? InstallmentPlanStatus.PaidOff
            : plan.Status;
        var changed = plan with
        {
            Principal = checked(plan.Principal - reduced),
            TotalFee = checked(plan.TotalFee - waived),
            Schedule = schedule,
            Status = status,
        };
        return new InstallmentRefundResult(changed, reduced, waived, checked(refund - reduced));
    }
}

/// <summary>What a refund did to a plan: principal taken off its future periods, fees waived, and the rest for the balance.</summary>
public sealed record InstallmentRefundResult(InstallmentPlan Plan, long PrincipalReduced, long FeesWaived, long ToBalance);
