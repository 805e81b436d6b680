namespace BaiTiaoSwitch.Credit;

/// <summary>
/// Allocates a repayment over what is owed, in this order: late fees, installment fees due, installment principal due,
/// the statement balance, unbilled purchases; oldest first within each (by <see cref="OwedItem.Since"/>, then by
/// reference so ties are deterministic).
/// <list type="bullet">
/// <item>The allocated parts sum exactly to the amount.</item>
/// <item>The credit it restores is the principal it pays (installment principal, statement balance, unbilled), never
/// fees: fees are owed but do not use the limit.</item>
/// <item>More than everything owed is refused with <c>422 repayment_exceeds_balance</c>; nothing is allocated.</item>
/// </list>
/// Pure and synchronous, so the account grain runs it in its one step, against the owed figures the credit grain sent.
/// </summary>
public static class RepaymentAllocation
{
    public static RepaymentAllocationResult Allocate(long amount, RepaymentOwed owed)
    {
        if (amount < 1 || amount > Money.AmountMax)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidAmount, $"'amount.amount' must be an integer from 1 to {Money.AmountMax} minor units.");
        }

        if (owed.InOrder().Any(bucket => bucket.Items.Any(item => item.Amount < 0)))
        {
            throw new ArgumentException("Owed amounts are never negative.", nameof(owed));
        }

        var total = owed.Total;
        if (amount > total)
        {
            throw new OperationRejectedException(ErrorCodes.RepaymentExceedsBalance, $"The repayment of {amount} is more than the {total} owed on the line; repay at most what is owed.");
        }

        var left = amount;
        var items = new List<ItemPaid>();
        var perBucket = new long[5];
        foreach (var (bucket, owedItems) in owed.InOrder())
        {
            foreach (var item in owedItems.Where(item => item.Amount > 0).OrderBy(item => item.Since).ThenBy(item => item.Reference, StringComparer.Ordinal))
            {
                if (left == 0)
                {
                    break;
                }

                var paid = Math.Min(left, item.Amount);
                left = checked(left - paid);
                perBucket[(int)bucket] = checked(perBucket[(int)bucket] + paid);
                items.Add(new ItemPaid(bucket, item.Reference, paid));
            }
        }

        var allocated = new RepaymentAllocated(
            perBucket[(int)RepaymentBucket.LateFees],
            perBucket[(int)RepaymentBucket.InstallmentFees],
            perBucket[(int)RepaymentBucket.InstallmentPrincipal],
            perBucket[(int)RepaymentBucket.StatementBalance],
            perBucket[(int)RepaymentBucket.Unbilled]);
        return new RepaymentAllocationResult(allocated, items);
    }
}
