namespace BaiTiaoSwitch.Credit;

/// <summary>The buckets a repayment pays off, in the order it pays them (API.md Repayment's <c>allocated</c>).</summary>
[GenerateSerializer, Alias("bts.RepaymentBucket")]
public enum RepaymentBucket
{
    LateFees = 0,
    InstallmentFees = 1,
    InstallmentPrincipal = 2,
    StatementBalance = 3,
    Unbilled = 4,
}

/// <summary>One thing owed: a statement's late fees, a plan period's fee or principal, a statement's balance, a purchase.</summary>
[GenerateSerializer, Immutable, Alias("bts.OwedItem")]
public sealed record OwedItem(
    [property: Id(0)] string Reference,
    [property: Id(1)] DateTimeOffset Since,
    [property: Id(2)] long Amount);

/// <summary>
/// Everything owed on the line at one instant, per bucket, as the credit grain sees it. Installment principal not yet
/// billed is not owed yet (a plan is not prepaid by a repayment). Sent with a repayment to the account grain, which
/// allocates it in its one synchronous step.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.RepaymentOwed")]
public sealed record RepaymentOwed(
    [property: Id(0)] IReadOnlyList<OwedItem> LateFees,
    [property: Id(1)] IReadOnlyList<OwedItem> InstallmentFees,
    [property: Id(2)] IReadOnlyList<OwedItem> InstallmentPrincipal,
    [property: Id(3)] IReadOnlyList<OwedItem> StatementBalance,
    [property: Id(4)] IReadOnlyList<OwedItem> Unbilled)
{
    public static readonly RepaymentOwed Nothing = new([], [], [], [], []);

    public IEnumerable<(RepaymentBucket Bucket, IReadOnlyList<OwedItem> Items)> InOrder()
    {
        yield return (RepaymentBucket.LateFees, LateFees);
        yield return (RepaymentBucket.InstallmentFees, InstallmentFees);
        yield return (RepaymentBucket.InstallmentPrincipal, InstallmentPrincipal);
        yield return (RepaymentBucket.StatementBalance, StatementBalance);
        yield return (RepaymentBucket.Unbilled, Unbilled);
    }

    public long Total
    {
        get
        {
            var total = 0L;
            foreach (var (_, items) in InOrder())
            {
                foreach (var item in items)
                {
                    total = checked(total + item.Amount);
                }
            }

            return total;
        }
    }
}

/// <summary>What one repayment paid on one owed item.</summary>
[GenerateSerializer, Immutable, Alias("bts.ItemPaid")]
public sealed record ItemPaid(
    [property: Id(0)] RepaymentBucket Bucket,
    [property: Id(1)] string Reference,
    [property: Id(2)] long Amount);

/// <summary>A repayment's allocation: the totals per bucket (the answer's <c>allocated</c>) and each item it paid.</summary>
[GenerateSerializer, Immutable, Alias("bts.RepaymentAllocationResult")]
public sealed record RepaymentAllocationResult(
    [property: Id(0)] RepaymentAllocated Allocated,
    [property: Id(1)] IReadOnlyList<ItemPaid> Items);
