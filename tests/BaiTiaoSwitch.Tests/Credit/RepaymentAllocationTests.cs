using BaiTiaoSwitch.Credit;
using CsCheck;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class RepaymentAllocationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static OwedItem Item(string reference, int daysAgo, long amount) => new(reference, T0.AddDays(-daysAgo), amount);

    private static readonly RepaymentOwed Owed = new(
        LateFees: [Item("lf", 1, 100)],
        InstallmentFees: [Item("if", 2, 60)],
        InstallmentPrincipal: [Item("ip", 2, 1_000)],
        StatementBalance: [Item("st", 30, 5_000)],
        Unbilled: [Item("un", 0, 2_000)]);

    [Fact]
    public void A_repayment_pays_late_fees_then_installment_fees_then_installment_principal_then_the_statement_then_unbilled()
    {
        var result = RepaymentAllocation.Allocate(1_200, Owed);

        Assert.Equal(new RepaymentAllocated(100, 60, 1_000, 40, 0), result.Allocated);
        Assert.Equal(["lf", "if", "ip", "st"], result.Items.Select(item => item.Reference));
        Assert.Equal(1_040, result.Allocated.PrincipalRestored);
        Assert.Equal(160, result.Allocated.FeesPaid);
    }

    [Fact]
    public void Within_a_bucket_the_oldest_is_paid_first()
    {
        var owed = RepaymentOwed.Nothing with { StatementBalance = [Item("newer", 1, 500), Item("older", 40, 500)] };

        var result = RepaymentAllocation.Allocate(600, owed);

        Assert.Equal([new ItemPaid(RepaymentBucket.StatementBalance, "older", 500), new ItemPaid(RepaymentBucket.StatementBalance, "newer", 100)], result.Items);
    }

    [Fact]
    public void Fees_restore_no_credit()
    {
        Assert.Equal(0, RepaymentAllocation.Allocate(160, Owed).Allocated.PrincipalRestored);
    }

    [Fact]
    public void Everything_owed_can_be_repaid_and_one_fen_more_is_refused_with_repayment_exceeds_balance()
    {
        Assert.Equal(new RepaymentAllocated(100, 60, 1_000, 5_000, 2_000), RepaymentAllocation.Allocate(8_160, Owed).Allocated);

        var error = Assert.Throws<OperationRejectedException>(() => RepaymentAllocation.Allocate(8_161, Owed));
        Assert.Equal(ErrorCodes.RepaymentExceedsBalance, error.Code);
        Assert.Equal("repayment_exceeds_balance", ErrorCodes.RepaymentExceedsBalance);
    }

    [Fact]
    public void A_repayment_of_nothing_is_an_invalid_amount()
    {
        Assert.Equal(ErrorCodes.InvalidAmount, Assert.Throws<InvalidRequestException>(() => RepaymentAllocation.Allocate(0, Owed)).Code);
    }

    [Fact]
    public void Allocation_conserves_the_amount_and_restores_at_most_the_amount_as_principal()
    {
        var items = Gen.Select(Gen.Int[0, 60], Gen.Long[0, 50_000]).Array[0, 4];
        Gen.Select(items, items, items, items, items).Select(buckets => new RepaymentOwed(
                Owned(buckets.Item1, "lf"), Owned(buckets.Item2, "if"), Owned(buckets.Item3, "ip"), Owned(buckets.Item4, "st"), Owned(buckets.Item5, "un")))
            .Where(owed => owed.Total > 0)
            .SelectMany(owed => Gen.Long[1, owed.Total].Select(amount => (owed, amount)))
            .Sample(sample =>
            {
                var (owed, amount) = sample;
                var result = RepaymentAllocation.Allocate(amount, owed);
                var allocated = result.Allocated;

                Assert.Equal(amount, allocated.Total);
                Assert.Equal(amount, result.Items.Sum(item => item.Amount));
                Assert.True(allocated.PrincipalRestored <= amount);
                Assert.Equal(amount - allocated.LateFees - allocated.InstallmentFees, allocated.PrincipalRestored);

                // A bucket is touched only once every bucket before it is fully paid.
                var owedPerBucket = owed.InOrder().Select(bucket => bucket.Items.Sum(item => item.Amount)).ToArray();
                var paidPerBucket = new[] { allocated.LateFees, allocated.InstallmentFees, allocated.InstallmentPrincipal, allocated.StatementBalance, allocated.Unbilled };
                for (var bucket = 1; bucket < 5; bucket++)
                {
                    Assert.True(paidPerBucket[bucket] == 0 || paidPerBucket[bucket - 1] == owedPerBucket[bucket - 1]);
                    Assert.True(paidPerBucket[bucket] <= owedPerBucket[bucket]);
                }
            });
    }

    private static OwedItem[] Owned((int DaysAgo, long Amount)[] items, string bucket) =>
        [.. items.Select((item, index) => Item($"{bucket}{index}", item.DaysAgo, item.Amount))];
}
