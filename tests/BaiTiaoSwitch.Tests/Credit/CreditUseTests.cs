using BaiTiaoSwitch.Credit;
using CsCheck;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class CreditUseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_plan_moves_principal_onto_installments_and_posted_does_not_change()
    {
        var use = CreditUseRules.MoveToPlan(new CreditUse(10_000, 0, 0), 6_000);

        Assert.Equal(new CreditUse(10_000, 6_000, 0), use);
        Assert.Equal(4_000, use.Revolving);
        Assert.Equal(ErrorCodes.InvalidTransition, Assert.Throws<OperationRejectedException>(() => CreditUseRules.MoveToPlan(use, 4_001)).Code);
    }

    [Fact]
    public void A_repayment_gives_back_the_principal_it_paid_and_never_the_fees()
    {
        var use = CreditUseRules.Repay(new CreditUse(10_000, 6_000, 0), new RepaymentAllocated(LateFees: 50, InstallmentFees: 30, InstallmentPrincipal: 500, StatementBalance: 1_000, Unbilled: 200));

        Assert.Equal(new CreditUse(10_000 - 1_700, 6_000 - 500, 1_700), use);
    }

    [Fact]
    public void A_refund_on_a_plan_takes_the_plans_share_off_the_installments()
    {
        var plan = InstallmentPlans.Make("pl", "cp", "acct", Money.Cny, 12_000, 12, CreditTerms.Default, StatementPeriods.For(1, CreditTerms.Default), T0);
        var refund = InstallmentRefund.Apply(plan, 13_000 - 2_000, billedPeriods: 2);

        // The account posted the 11,000 refund on its refund path: 20,000 − 11,000.
        var use = CreditUseRules.RefundOnPlan(new CreditUse(9_000, 12_000, 0), refund);

        Assert.Equal((10_000L, 1_000L), (refund.PrincipalReduced, refund.ToBalance));
        Assert.Equal(new CreditUse(9_000, 2_000, 0), use);
    }

    [Fact]
    public void Posted_is_captures_less_refunds_less_principal_repaid_after_any_sequence_of_credit_steps()
    {
        Gen.Select(Gen.Int[0, 4], Gen.Long[1, 50_000]).Array[1, 60].Sample(steps =>
        {
            var use = CreditUse.None;
            long captures = 0, refunds = 0, principalRepaid = 0, planned = 0, installmentRepaid = 0, feesOwed = 0;
            foreach (var (kind, amount) in steps)
            {
                switch (kind)
                {
                    case 0: // a capture, on the account's own path
                        use = use with { Posted = use.Posted + amount };
                        captures += amount;
                        break;
                    case 1 when use.Revolving >= 1: // a plan on part of the revolving balance
                        var principal = Math.Min(amount, use.Revolving);
                        use = CreditUseRules.MoveToPlan(use, principal);
                        planned += principal;
                        break;
                    case 2: // a late fee: owed, uses no limit
                        feesOwed += amount % 500;
                        break;
                    case 3 when use.Revolving >= 1: // a refund of a revolving purchase, on the account's own path
                        var refund = Math.Min(amount, use.Revolving);
                        use = use with { Posted = use.Posted - refund };
                        refunds += refund;
                        break;
                    case 4 when feesOwed + use.Posted >= 1: // a repayment over everything owed
                        var owed = new RepaymentOwed(
                            [new OwedItem("lf", T0, feesOwed)], [], [new OwedItem("ip", T0, use.InstallmentsOutstanding)],
                            [new OwedItem("st", T0, use.Revolving)], []);
                        var repay = Math.Min(amount, owed.Total);
                        var allocated = RepaymentAllocation.Allocate(repay, owed).Allocated;
                        use = CreditUseRules.Repay(use, allocated);
                        var principalPart = repay - Math.Min(repay, feesOwed);
                        principalRepaid += principalPart;
                        installmentRepaid += Math.Min(principalPart, planned - installmentRepaid);
                        feesOwed -= Math.Min(repay, feesOwed);
                        break;
                }

                Assert.Equal(captures - refunds - principalRepaid, use.Posted);
                Assert.Equal(principalRepaid, use.PrincipalRepaid);
                Assert.Equal(planned - installmentRepaid, use.InstallmentsOutstanding);
                Assert.InRange(use.InstallmentsOutstanding, 0, use.Posted);
            }
        });
    }
}
