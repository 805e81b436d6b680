namespace BaiTiaoSwitch.Credit;

/// <summary>
/// Makes an installment plan on a capture, or refuses it with nothing written:
/// <list type="bullet">
/// <item>the period count must be offered by the current terms (<c>invalid_request</c>), and the principal at least one
/// fen per period (<c>invalid_amount</c>);</item>
/// <item>the capture must be unbilled, or billed on a statement whose due date has not passed
/// (<c>invalid_transition</c>);</item>
/// <item>the first period falls on the next statement (the one whose period holds the plan's creation);</item>
/// <item>the APR of the exact schedule must not exceed the cap (<c>apr_above_cap</c>).</item>
/// </list>
/// The plan keeps the terms version it was made under.
/// </summary>
public static class InstallmentPlans
{
    public static InstallmentPlan Make(
        string planId, string captureId, string accountId, string currency, long principal, int periods,
        CreditTerms terms, StatementPeriods calendar, DateTimeOffset now)
    {
        var option = terms.OptionFor(periods)
            ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'periods' must be one of {string.Join(", ", terms.Installments.Select(o => o.Periods))}.");
        if (principal < periods || principal > Money.AmountMax)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidAmount, $"The capture's amount must be from {periods} fen (one per period) to {Money.AmountMax} to go on {periods} installments.");
        }

        var dueDates = InstallmentSchedule.DueDates(calendar, calendar.CutDateOf(now), periods);
        var schedule = InstallmentSchedule.Build(principal, periods, option.FeeRatePerPeriod, dueDates);
        var totalFee = schedule.Sum(period => period.Fee);
        var apr = Apr.Disclosed(principal, InstallmentSchedule.Payments(schedule));
        Apr.RequireWithinCap(apr, terms.AprCap);
        return new InstallmentPlan(
            planId, captureId, accountId, currency, principal, periods, option.FeeRatePerPeriod,
            InstallmentSchedule.FeePerPeriod(totalFee, periods), totalFee, apr, schedule,
            InstallmentPlanStatus.Active, now, terms.Version);
    }

    /// <summary>True when a capture made at <paramref name="capturedAt"/> may still go on installments at <paramref name="now"/>.</summary>
    public static bool IsEligible(DateTimeOffset capturedAt, DateTimeOffset now, StatementPeriods calendar)
    {
        var cut = calendar.CutDateOf(capturedAt);
        return now < calendar.CutInstant(cut) || calendar.LocalDate(now) <= calendar.DueDateOf(cut);
    }

    public static void RequireEligible(DateTimeOffset capturedAt, DateTimeOffset now, StatementPeriods calendar)
    {
        if (!IsEligible(capturedAt, now, calendar))
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, "The capture was billed on a statement whose due date has passed; only an unbilled capture, or one whose statement is not yet due, can go on installments.");
        }
    }
}
