using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit.Cluster;

/// <summary>The credit grain's intents: a change of the line whose answer was lost is finished by the same key, once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CreditIntentTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(StorageNames.Journal)]
    [InlineData(StorageNames.Entities)]
    public async Task A_plan_whose_write_lost_its_answer_is_finished_by_the_retry_and_moves_the_principal_once(string store)
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var capture = await CreditLines.Purchase(scenario, 24_000);
        await scenario.Issuer.ListStatementsAsync(scenario.AccountId);
        var faults = ClusterFactory.Faults(fixture.Cluster);
        var injected = faults.Injected(store, Fault.FailAfterWrite);
        faults.Arm(store, Fault.FailAfterWrite, target => target.Contains(scenario.AccountId, StringComparison.Ordinal)
            && (store == StorageNames.Journal || target.StartsWith("accountcredit/", StringComparison.Ordinal)));

        var plan = await scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId, 6);

        Assert.Equal(injected + 1, faults.Injected(store, Fault.FailAfterWrite));
        Assert.Equal(24_000, plan.Principal);
        Assert.Equivalent(plan, await scenario.Issuer.GetInstallmentPlanAsync(plan.PlanId), strict: true);
        Assert.Equal(24_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).InstallmentsOutstanding.Amount);
    }

    [Fact]
    public async Task A_repayment_whose_account_answer_was_lost_is_finished_by_the_retry_and_applied_once()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        await CreditLines.Purchase(scenario, 8_000);
        await scenario.Issuer.ListStatementsAsync(scenario.AccountId);
        var before = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        ClusterFactory.Faults(fixture.Cluster).Arm(StorageNames.Journal, Fault.FailAfterWrite, target => target.Contains(scenario.AccountId, StringComparison.Ordinal));
        var key = RequestOptions.WithKey("repay-" + Guid.NewGuid().ToString("N"));

        var repayment = await scenario.Issuer.RepayAsync(scenario.AccountId, Money.Fen(3_000), key);
        var again = await scenario.Issuer.RepayAsync(scenario.AccountId, Money.Fen(3_000), key);

        Assert.Equal(repayment.RepaymentId, again.RepaymentId);
        Assert.Equal(new RepaymentAllocated(0, 0, 0, 0, 3_000), repayment.Allocated);
        Assert.Equal(before.Available.Amount + 3_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Available.Amount);
    }

    [Fact]
    public async Task A_refund_of_a_capture_on_a_plan_rebuilds_the_periods_not_yet_billed()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var capture = await CreditLines.Purchase(scenario, 12_000);
        var plan = await scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId, 12);

        await scenario.Wallet("alipay").RefundAsync(capture.CaptureId, Money.Fen(3_000));
        var rebuilt = await scenario.Issuer.GetInstallmentPlanAsync(plan.PlanId);

        Assert.Equal(9_000, rebuilt.Principal);
        Assert.Equal(rebuilt.Principal, rebuilt.Schedule.Sum(period => period.Principal));
        Assert.Equal(rebuilt.TotalFee, rebuilt.Schedule.Sum(period => period.Fee));
        Assert.True(rebuilt.TotalFee < plan.TotalFee);
        Assert.Equal(9_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).InstallmentsOutstanding.Amount);
    }
}
