using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Plans as the line knows them: a capture's principal moved onto a plan (posted and available unchanged), refunds of a
/// capture on a plan (the plan's unbilled principal first, the rest to the revolving balance: <c>InstallmentRefund</c>'s
/// rule), and the cuts the credit grain acknowledges (unbilled principal lowered by what was billed).
/// </summary>
public static class LinePlans
{
    public static PlanPrincipalMoved Move(AccountBook book, AuthorizationRecord authorization, string captureId, string planId, long expectedPrincipal, DateTimeOffset now)
    {
        var index = authorization.Captures.IndexOf(authorization.Captures.FirstOrDefault(capture => capture.CaptureId == captureId)!);
        var capture = index >= 0 ? authorization.Captures[index] : throw new NotFoundException("No such capture.");
        if (capture.PlanId is not null || book.Credit.Plans.Find(planId) is not null)
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, "This capture is already on an installment plan (or the plan id is taken); a capture goes on one plan at most.");
        }

        if (capture.Remaining != expectedPrincipal)
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, $"The capture's principal is {capture.Remaining}, not {expectedPrincipal}: it was refunded since; read it again.");
        }

        if (book.Credit.Plans.Count >= book.Options.ActivePlansMax)
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, $"This line already carries {book.Options.ActivePlansMax} plans with principal not yet billed; repay or wait for them to bill.");
        }

        var calendar = CreditPeriods.Calendar(book);
        var capturePeriod = calendar.CutDateOf(capture.CreatedAt);
        var billed = book.Header.LastCut is { } last && capturePeriod <= last;
        var period = billed ? CreditPeriods.PeriodOf(book, now) : capturePeriod;
        if (book.Credit.Periods.Find(CreditBook.KeyOf(period)) is null && book.Credit.Periods.Count >= book.Options.CreditOpenPeriodsMax)
        {
            throw new SwitchOverloadedException("This line's statements are behind (too many periods not yet cut); retry with the same key shortly.");
        }

        var use = CreditUseRules.MoveToPlan(book.Header.Use, expectedPrincipal);
        book.SetHeader(book.Header with { InstallmentsOutstanding = use.InstallmentsOutstanding });
        book.Put(authorization with { Captures = authorization.Captures.SetItem(index, capture with { PlanId = planId }) });
        book.Credit.Plans.Set(planId, new PlanOnLine(planId, captureId, expectedPrincipal));
        CreditPeriods.Add(book, period, billed ? CreditMovementKind.PrincipalCorrection : CreditMovementKind.ConvertedToInstallments, expectedPrincipal, now);
        return new PlanPrincipalMoved(planId, captureId, expectedPrincipal, period, billed, now, use);
    }

    /// <summary>Throws (overloaded, nothing written) when one more plan refund would pass the line's bound.</summary>
    public static void RequireRefundRoom(AccountBook book, CaptureRecord capture)
    {
        if (capture.PlanId is { } planId && book.Credit.Plans.Find(planId) is not null && book.Credit.PlanRefunds.Count >= book.Options.PlanRefundsPendingMax)
        {
            throw new SwitchOverloadedException("This line holds too many refunds on plans not yet taken by its statements; retry with the same key shortly.");
        }
    }

    /// <summary>
    /// The plan's part of a refund already taken off posted: min(refund, unbilled principal) leaves the plans, and is
    /// recorded for the credit grain. Returns what goes to the revolving balance.
    /// </summary>
    public static long RefundOnPlan(AccountBook book, string planId, string refundId, long amount, DateTimeOffset now)
    {
        if (book.Credit.Plans.Find(planId) is not { } plan)
        {
            return amount;
        }

        var reduced = Math.Min(amount, plan.UnbilledPrincipal);
        var toBalance = checked(amount - reduced);
        var sequence = book.Header.NextPlanRefund;
        book.SetHeader(book.Header with { InstallmentsOutstanding = checked(book.Header.InstallmentsOutstanding - reduced), NextPlanRefund = sequence + 1 });
        book.Credit.Plans.Set(planId, plan with { UnbilledPrincipal = checked(plan.UnbilledPrincipal - reduced) });
        book.Credit.PlanRefunds.Set(CreditBook.KeyOf(sequence), new PlanRefund(sequence, planId, refundId, amount, reduced, toBalance, now));
        return toBalance;
    }

    /// <summary>
    /// The credit grain stored the statement cut on <paramref name="cutDate"/>: buckets through it go, plans lose what it
    /// billed, acknowledged plan refunds go, plans with nothing unbilled go. A cut already acknowledged changes nothing.
    /// </summary>
    public static DateOnly AcknowledgeCut(AccountBook book, DateOnly cutDate, IReadOnlyList<PlanBilled> billed, long refundsThrough, DateTimeOffset now)
    {
        if (book.Header.LastCut is { } last && cutDate <= last)
        {
            return last;
        }

        if (CreditPeriods.Calendar(book).CutInstant(cutDate) > now)
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, $"The statement of {cutDate:yyyy-MM-dd} is not due to be cut yet on this account's clock.");
        }

        foreach (var (key, period) in book.Credit.Periods.Values.ToList())
        {
            if (period.CutDate <= cutDate)
            {
                book.Credit.Periods.Remove(key);
            }
        }

        foreach (var item in billed)
        {
            if (book.Credit.Plans.Find(item.PlanId) is { } plan)
            {
                book.Credit.Plans.Set(plan.PlanId, plan with { UnbilledPrincipal = plan.UnbilledPrincipal - Math.Min(item.Principal, plan.UnbilledPrincipal) });
            }
        }

        foreach (var (key, refund) in book.Credit.PlanRefunds.Values.ToList())
        {
            if (refund.Sequence <= refundsThrough)
            {
                book.Credit.PlanRefunds.Remove(key);
            }
        }

        var pendingRefunds = book.Credit.PlanRefunds.Values.Values.Select(refund => refund.PlanId).ToHashSet(StringComparer.Ordinal);
        foreach (var (planId, plan) in book.Credit.Plans.Values.ToList())
        {
            if (plan.UnbilledPrincipal == 0 && !pendingRefunds.Contains(planId))
            {
                book.Credit.Plans.Remove(planId);
            }
        }

        book.SetHeader(book.Header with { LastCut = cutDate });
        return cutDate;
    }
}
