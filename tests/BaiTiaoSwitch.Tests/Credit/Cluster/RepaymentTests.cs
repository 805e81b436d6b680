using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class RepaymentTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_repayment_pays_late_fees_then_installment_fees_then_installment_principal_then_the_statement_then_unbilled()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var cut = CreditLines.CurrentCut();
        var planned = await CreditLines.Purchase(scenario, 12_000);
        var plan = await scenario.Issuer.CreateInstallmentPlanAsync(planned.CaptureId, 12);
        await CreditLines.Purchase(scenario, 5_000);
        CreditLines.AdvancePastCut(cut);
        var statement = Assert.Single(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));
        Assert.Equal((5_000L, 1_060L, 1_000L, 60L), (statement.Purchases, statement.InstallmentsDue, statement.InstallmentPrincipalDue, statement.InstallmentFeesDue));
        CreditLines.AdvanceTo(statement.DueDate.AddDays(2));
        await CreditLines.Purchase(scenario, 700);
        var before = await scenario.Issuer.GetAccountAsync(scenario.AccountId);

        // Two days overdue on 6,000 of principal at 0.05% a day: 3 a day.
        var owed = 6 + 60 + 1_000 + 5_000 + 700;
        var tooMuch = await Assert.ThrowsAsync<OperationRejectedException>(() => scenario.Issuer.RepayAsync(scenario.AccountId, Money.Fen(owed + 1)));
        var repayment = await scenario.Issuer.RepayAsync(scenario.AccountId, Money.Fen(owed));
        var after = await scenario.Issuer.GetAccountAsync(scenario.AccountId);

        Assert.Equal(ErrorCodes.RepaymentExceedsBalance, tooMuch.Code);
        Assert.Equal(new RepaymentAllocated(6, 60, 1_000, 5_000, 700), repayment.Allocated);
        Assert.Equal((scenario.AccountId, Money.Fen(owed)), (repayment.AccountId, repayment.Amount));
        Assert.Equal(before.Available.Amount + 1_000 + 5_000 + 700, after.Available.Amount);
        Assert.Equal(11_000, after.InstallmentsOutstanding.Amount);
        var paidPlan = await scenario.Issuer.GetInstallmentPlanAsync(plan.PlanId);
        Assert.Equal(InstallmentPeriodStatus.Paid, paidPlan.Schedule[0].Status);
        Assert.All(paidPlan.Schedule.Skip(1), period => Assert.Equal(InstallmentPeriodStatus.Due, period.Status));
        Assert.Equal(StatementStatus.Paid, (await scenario.Issuer.GetStatementAsync(statement.StatementId)).Status);
    }

    [Fact]
    public async Task A_partial_repayment_stops_in_the_order_it_pays()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var cut = CreditLines.CurrentCut();
        var planned = await CreditLines.Purchase(scenario, 12_000);
        await scenario.Issuer.CreateInstallmentPlanAsync(planned.CaptureId, 12);
        await CreditLines.Purchase(scenario, 5_000);
        CreditLines.AdvancePastCut(cut);

        var repayment = await scenario.Issuer.RepayAsync(scenario.AccountId, Money.Fen(1_500));

        Assert.Equal(new RepaymentAllocated(0, 60, 1_000, 440, 0), repayment.Allocated);
    }

    [Fact]
    public async Task Concurrent_duplicate_repayments_with_one_key_take_effect_once_and_all_answer_alike()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        await CreditLines.Purchase(scenario, 9_000);
        var before = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        var key = "repay-" + Guid.NewGuid().ToString("N");

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => scenario.Issuer.RepayAsync(scenario.AccountId, Money.Fen(2_000), RequestOptions.WithKey(key))));
        var after = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        var reused = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => scenario.Issuer.RepayAsync(scenario.AccountId, Money.Fen(2_001), RequestOptions.WithKey(key)));

        Assert.Single(answers.Select(answer => (answer.RepaymentId, answer.Amount, answer.Allocated, answer.CreatedAt)).Distinct());
        Assert.Equal(new RepaymentAllocated(0, 0, 0, 0, 2_000), answers[0].Allocated);
        Assert.Equal(before.Available.Amount + 2_000, after.Available.Amount);
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Code);
    }
}
