using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// A repayment, decided by the line in its one step against the owed figures the credit grain sent:
/// <list type="bullet">
/// <item>installment principal due is clamped to what is billed of the plans and not repaid (outstanding − unbilled), and
/// to posted: a refund on a plan beyond its unbilled principal is a credit on the revolving balance (revolving below 0),
/// which the billed plan principal nets against; a refund of a purchase already repaid leaves posted below 0 (a credit
/// balance), and then nothing is repayable principal;</item>
/// <item>statement balances are clamped to the revolving principal posted;</item>
/// <item>the Unbilled item is the line's own: revolving principal not on the statements' balances (≥ 0);</item>
/// <item>more than all of that is <c>422 repayment_exceeds_balance</c>, nothing written;</item>
/// <item>the principal paid (never the fees) comes off posted and restores exactly that much credit.</item>
/// </list>
/// </summary>
public static class LineRepayments
{
    public const string UnbilledReference = "unbilled";

    public static RepaymentApplied Repay(AccountBook book, string repaymentId, long amount, RepaymentOwed owedExceptUnbilled, DateTimeOffset now)
    {
        CreditPeriods.RequireRoom(book, now);
        var use = book.Header.Use;
        var unbilledPlans = book.Credit.Plans.Values.Values.Sum(plan => plan.UnbilledPrincipal);
        var installmentPrincipal = Clamp(owedExceptUnbilled.InstallmentPrincipal, Math.Min(Math.Max(0, checked(use.InstallmentsOutstanding - unbilledPlans)), Math.Max(0, use.Posted)));
        var statementBalance = Clamp(owedExceptUnbilled.StatementBalance, Math.Max(0, use.Revolving));
        var unbilled = Math.Max(0, checked(use.Revolving - statementBalance.Sum(item => item.Amount)));
        var owed = owedExceptUnbilled with
        {
            InstallmentPrincipal = installmentPrincipal,
            StatementBalance = statementBalance,
            Unbilled = unbilled > 0 ? [new OwedItem(UnbilledReference, book.Header.OpenedAt, unbilled)] : [],
        };
        var allocation = RepaymentAllocation.Allocate(amount, owed);
        var after = CreditUseRules.Repay(use, allocation.Allocated);
        book.SetHeader(book.Header with { Posted = after.Posted, InstallmentsOutstanding = after.InstallmentsOutstanding, PrincipalRepaid = after.PrincipalRepaid });
        CreditPeriods.AddNow(book, CreditMovementKind.RepaymentOfPrincipal, allocation.Allocated.PrincipalRestored, now);
        CreditPeriods.AddNow(book, CreditMovementKind.RepaymentOfFees, allocation.Allocated.FeesPaid, now);
        return new RepaymentApplied(repaymentId, amount, allocation, now, after);
    }

    /// <summary>The items, oldest first, cut so that together they are at most <paramref name="cap"/>.</summary>
    private static List<OwedItem> Clamp(IReadOnlyList<OwedItem> items, long cap)
    {
        var kept = new List<OwedItem>();
        foreach (var item in items.OrderBy(item => item.Since).ThenBy(item => item.Reference, StringComparer.Ordinal))
        {
            var amount = Math.Min(item.Amount, cap);
            cap -= amount;
            if (amount > 0)
            {
                kept.Add(item with { Amount = amount });
            }
        }

        return kept;
    }
}
