using BaiTiaoSwitch.Credit;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class InstallmentPlansTests
{
    private static readonly CreditTerms Terms = CreditTerms.Default with { Version = 7 };
    private static readonly StatementPeriods Calendar = StatementPeriods.For(10, Terms);

    // 2026-03-12 10:00 in China time: after the March 10 cut, so the next statement is cut on April 10.
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_plan_discloses_its_APR_and_fee_rate_keeps_its_terms_version_and_starts_on_the_next_statement()
    {
        var plan = InstallmentPlans.Make("pl_1", "cp_1", "acct", Money.Cny, 120_000, 12, Terms, Calendar, Now);

        Assert.Equal("10.90", plan.Apr);
        Assert.Equal("0.0050", plan.FeeRatePerPeriod.ToFractionString(4));
        Assert.Equal(600, plan.FeePerPeriod);
        Assert.Equal(7_200, plan.TotalFee);
        Assert.Equal(7, plan.TermsVersion);
        Assert.Equal(InstallmentPlanStatus.Active, plan.Status);
        Assert.Equal(new DateOnly(2026, 4, 19), plan.Schedule[0].DueDate);
        Assert.Equal(new DateOnly(2027, 3, 19), plan.Schedule[^1].DueDate);
        Assert.Equal(plan.Principal, plan.Schedule.Sum(period => period.Principal));
        Assert.Equal(plan.TotalFee, plan.Schedule.Sum(period => period.Fee));
    }

    [Fact]
    public void A_period_count_the_terms_do_not_offer_is_refused_as_invalid_request()
    {
        var terms = Terms with { Installments = [new InstallmentOption(3, Rate.Percent(0.5m))] };

        var error = Assert.Throws<InvalidRequestException>(() => InstallmentPlans.Make("pl_1", "cp_1", "acct", Money.Cny, 120_000, 12, terms, Calendar, Now));
        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
    }

    [Fact]
    public void A_principal_under_one_fen_a_period_is_refused_as_invalid_amount()
    {
        var error = Assert.Throws<InvalidRequestException>(() => InstallmentPlans.Make("pl_1", "cp_1", "acct", Money.Cny, 23, 24, Terms, Calendar, Now));
        Assert.Equal(ErrorCodes.InvalidAmount, error.Code);
    }

    [Fact]
    public void A_plan_above_the_APR_cap_is_refused_with_apr_above_cap()
    {
        var capped = Terms with { AprCap = Rate.Percent(10m) };

        var error = Assert.Throws<OperationRejectedException>(() => InstallmentPlans.Make("pl_1", "cp_1", "acct", Money.Cny, 120_000, 12, capped, Calendar, Now));
        Assert.Equal(ErrorCodes.AprAboveCap, error.Code);
        Assert.Equal("8.98", InstallmentPlans.Make("pl_2", "cp_1", "acct", Money.Cny, 120_000, 3, capped, Calendar, Now).Apr);
    }

    [Fact]
    public void A_capture_is_eligible_while_unbilled_or_until_its_statements_due_date_has_passed()
    {
        var captured = new DateTimeOffset(2026, 3, 5, 4, 0, 0, TimeSpan.Zero); // billed on the March 10 cut, due March 19

        Assert.True(InstallmentPlans.IsEligible(captured, captured.AddHours(1), Calendar));
        Assert.True(InstallmentPlans.IsEligible(captured, new DateTimeOffset(2026, 3, 19, 15, 59, 59, TimeSpan.Zero), Calendar));
        Assert.False(InstallmentPlans.IsEligible(captured, new DateTimeOffset(2026, 3, 19, 16, 0, 0, TimeSpan.Zero), Calendar));

        var error = Assert.Throws<OperationRejectedException>(() => InstallmentPlans.RequireEligible(captured, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), Calendar));
        Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
    }
}
