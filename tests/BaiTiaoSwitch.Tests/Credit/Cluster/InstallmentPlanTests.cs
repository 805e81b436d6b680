using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class InstallmentPlanTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_plan_on_a_capture_has_a_schedule_that_sums_to_the_fen_and_discloses_its_apr()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 200_000);
        var capture = await CreditLines.Purchase(scenario, 100_001);

        var plan = await scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId, 12);

        Assert.Equal(CreditIds.Plan(capture.CaptureId), plan.PlanId);
        Assert.Equal((scenario.AccountId, capture.CaptureId, 100_001L, 12), (plan.AccountId, plan.CaptureId, plan.Principal, plan.Periods));
        Assert.Equal("10.90", plan.Apr);
        Assert.Equal("0.0050", plan.FeeRatePerPeriod.ToFractionString(4));
        Assert.Equal(12, plan.Schedule.Count);
        Assert.Equal(plan.Principal, plan.Schedule.Sum(period => period.Principal));
        Assert.Equal(plan.TotalFee, plan.Schedule.Sum(period => period.Fee));
        Assert.Equal(6_000, plan.TotalFee);
        Assert.All(plan.Schedule, period => Assert.Equal(InstallmentPeriodStatus.Due, period.Status));
        Assert.Equal(CreditLines.Calendar.DueDateOf(CreditLines.CurrentCut()), plan.Schedule[0].DueDate);
        Assert.Equal(InstallmentPlanStatus.Active, plan.Status);
        Assert.Equivalent(plan, await scenario.Issuer.GetInstallmentPlanAsync(plan.PlanId), strict: true);
        Assert.Equal(100_001, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).InstallmentsOutstanding.Amount);
    }

    [Fact]
    public async Task A_capture_goes_on_one_plan_only_and_a_retry_with_the_same_key_answers_the_same_plan()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 200_000);
        var capture = await CreditLines.Purchase(scenario, 30_000);
        var key = "plan-" + Guid.NewGuid().ToString("N");

        var plan = await scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId, 3, BaiTiaoSwitch.Client.RequestOptions.WithKey(key));
        var again = await scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId, 3, BaiTiaoSwitch.Client.RequestOptions.WithKey(key));
        var second = await Assert.ThrowsAsync<OperationRejectedException>(() => scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId, 6));

        Assert.Equal(plan.PlanId, again.PlanId);
        Assert.Equal(plan.Schedule, again.Schedule);
        Assert.Equal(ErrorCodes.InvalidTransition, second.Code);
        Assert.Equal(30_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).InstallmentsOutstanding.Amount);
    }

    [Fact]
    public async Task Unknown_plans_and_statements_are_not_found()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000);
        var capture = await CreditLines.Purchase(scenario, 1_000);

        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<NotFoundException>(() => scenario.Issuer.GetInstallmentPlanAsync(CreditIds.Plan(capture.CaptureId)))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<NotFoundException>(() => scenario.Issuer.GetInstallmentPlanAsync("ip_nothing"))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<NotFoundException>(() => scenario.Issuer.GetStatementAsync(CreditIds.Statement(scenario.AccountId, CreditLines.CurrentCut())))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<NotFoundException>(() => scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId[..^1] + "9", 3))).Code);
    }

    [Fact]
    public async Task A_plan_on_a_billed_purchase_before_its_due_date_takes_it_off_the_statement_and_the_next_shows_the_correction()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var cut = CreditLines.CurrentCut();
        var capture = await CreditLines.Purchase(scenario, 9_000);
        CreditLines.AdvancePastCut(cut);
        var billed = Assert.Single(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));

        var plan = await scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId, 3);
        var nothingOwed = await Assert.ThrowsAsync<OperationRejectedException>(() => scenario.Issuer.RepayAsync(scenario.AccountId, Money.Fen(1)));
        CreditLines.AdvancePastCut(cut.AddMonths(1));
        var statements = await scenario.Issuer.ListStatementsAsync(scenario.AccountId);

        Assert.Equal(9_000, plan.Principal);
        Assert.Equal(ErrorCodes.RepaymentExceedsBalance, nothingOwed.Code);
        Assert.Equal(StatementStatus.Paid, statements[1].Status);
        Assert.Equal(billed.StatementId, statements[1].StatementId);
        Assert.Equal(-9_000, statements[0].Corrections);
        Assert.Equal((3_000L, 45L), (statements[0].InstallmentPrincipalDue, statements[0].InstallmentFeesDue));
        Assert.Equal(3_045, statements[0].NewBalance);
    }

    [Fact]
    public async Task A_purchase_billed_on_a_statement_whose_due_date_has_passed_cannot_go_on_installments()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var cut = CreditLines.CurrentCut();
        var capture = await CreditLines.Purchase(scenario, 9_000);
        CreditLines.AdvanceTo(CreditLines.Calendar.DueDateOf(cut).AddDays(1));

        var refused = await Assert.ThrowsAsync<OperationRejectedException>(() => scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId, 3));

        Assert.Equal(ErrorCodes.InvalidTransition, refused.Code);
        Assert.Equal(0, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).InstallmentsOutstanding.Amount);
    }
}
