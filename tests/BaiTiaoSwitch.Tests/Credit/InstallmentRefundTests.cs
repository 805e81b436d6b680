using BaiTiaoSwitch.Credit;
using CsCheck;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class InstallmentRefundTests
{
    private static readonly StatementPeriods Calendar = StatementPeriods.For(1, CreditTerms.Default);
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);

    private static InstallmentPlan Plan(long principal = 120_000, int periods = 12) =>
        InstallmentPlans.Make("pl_1", "cp_1", "acct", Money.Cny, principal, periods, CreditTerms.Default, Calendar, Now);

    private static InstallmentPlan WithPaid(InstallmentPlan plan, int paidPeriods) => plan with
    {
        Schedule = [.. plan.Schedule.Select(period => period.Period <= paidPeriods ? period with { Status = InstallmentPeriodStatus.Paid } : period)],
    };

    [Fact]
    public void A_refund_reduces_the_remaining_principal_prorates_future_fees_and_billed_fees_stay()
    {
        var plan = Plan(); // 10,000 principal and 600 fee a period
        var result = InstallmentRefund.Apply(plan, 50_000, billedPeriods: 2);

        Assert.Equal((50_000L, 3_000L, 0L), (result.PrincipalReduced, result.FeesWaived, result.ToBalance));
        Assert.Equal(plan.Schedule.Take(2), result.Plan.Schedule.Take(2));
        Assert.Equal(70_000, result.Plan.Principal);
        Assert.Equal(4_200, result.Plan.TotalFee);
        Assert.Equal(result.Plan.Principal, result.Plan.Schedule.Sum(period => period.Principal));
        Assert.Equal(result.Plan.TotalFee, result.Plan.Schedule.Sum(period => period.Fee));
        Assert.Equal(plan.Schedule.Skip(2).Select(period => period.DueDate), result.Plan.Schedule.Skip(2).Select(period => period.DueDate));
        Assert.All(result.Plan.Schedule.Skip(2), period => Assert.Equal((5_000L, 300L), (period.Principal, period.Fee)));
        Assert.Equal((plan.Apr, InstallmentPlanStatus.Active), (result.Plan.Apr, result.Plan.Status));
    }

    [Fact]
    public void A_refund_above_the_remaining_principal_pays_the_rest_back_to_the_balance()
    {
        var result = InstallmentRefund.Apply(Plan(), 110_000, billedPeriods: 2);

        Assert.Equal((100_000L, 6_000L, 10_000L), (result.PrincipalReduced, result.FeesWaived, result.ToBalance));
        Assert.Equal(2, result.Plan.Schedule.Count);
        Assert.Equal(InstallmentPlanStatus.Active, result.Plan.Status);
        Assert.Equal(InstallmentPlanStatus.PaidOff, InstallmentRefund.Apply(WithPaid(Plan(), 2), 110_000, billedPeriods: 2).Plan.Status);
    }

    [Fact]
    public void A_full_refund_before_anything_is_billed_cancels_the_plan_with_no_fee()
    {
        var result = InstallmentRefund.Apply(Plan(), 120_000, billedPeriods: 0);

        Assert.Equal(InstallmentPlanStatus.Cancelled, result.Plan.Status);
        Assert.Equal((0L, 0L), (result.Plan.Principal, result.Plan.TotalFee));
        Assert.Empty(result.Plan.Schedule);
    }

    [Fact]
    public void After_any_refund_the_schedule_still_sums_exactly_and_the_refund_is_all_accounted_for()
    {
        Gen.Select(Gen.Long[24, 10_000_000], Gen.OneOf(3, 6, 12, 24), Gen.Int[0, 24], Gen.Double[0.0001, 1.0])
            .Sample(sample =>
            {
                var (principal, periods, billedSeed, share) = sample;
                var billed = billedSeed % (periods + 1);
                var plan = Plan(principal, periods);
                var refund = Math.Max(1, (long)(principal * share));

                var result = InstallmentRefund.Apply(plan, refund, billed);
                var before = plan.Schedule.Where(period => period.Period > billed).ToList();
                var after = result.Plan.Schedule.Where(period => period.Period > billed).ToList();

                Assert.Equal(refund, result.PrincipalReduced + result.ToBalance);
                Assert.Equal(result.Plan.Principal, result.Plan.Schedule.Sum(period => period.Principal));
                Assert.Equal(result.Plan.TotalFee, result.Plan.Schedule.Sum(period => period.Fee));
                Assert.Equal(plan.Schedule.Where(period => period.Period <= billed), result.Plan.Schedule.Where(period => period.Period <= billed));
                Assert.Equal(before.Sum(period => period.Principal) - result.PrincipalReduced, after.Sum(period => period.Principal));
                Assert.Equal(before.Sum(period => period.Fee) - result.FeesWaived, after.Sum(period => period.Fee));

                // Future fees are never more than their share of the remaining principal.
                var remaining = before.Sum(period => period.Principal);
                if (remaining > 0)
                {
                    Assert.True((decimal)after.Sum(period => period.Fee) * remaining <= (decimal)before.Sum(period => period.Fee) * (remaining - result.PrincipalReduced));
                }
            });
    }
}
