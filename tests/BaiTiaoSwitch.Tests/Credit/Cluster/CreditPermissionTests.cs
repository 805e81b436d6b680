using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class CreditPermissionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_wallet_is_refused_every_credit_operation_and_no_client_may_drive_the_credit_grains_internals()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000);
        var capture = await CreditLines.Purchase(scenario, 3_000);
        var wallet = scenario.Wallet("alipay");

        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.CreateInstallmentPlanAsync(capture.CaptureId, 3));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.GetInstallmentPlanAsync(CreditIds.Plan(capture.CaptureId)));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.ListStatementsAsync(scenario.AccountId));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.GetStatementAsync(CreditIds.Statement(scenario.AccountId, CreditLines.CurrentCut())));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.RepayAsync(scenario.AccountId, Money.Fen(1_000)));
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.AdvanceSandboxClockAsync(scenario.AccountId, 60));
        foreach (var client in new[] { wallet, scenario.Issuer })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(async grains =>
            {
                await grains.GetGrain<IAccountCreditGrain>(scenario.AccountId).RunDue();
                return 0;
            }));
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(grains => grains.GetGrain<ICreditArchiveGrain>(ICreditArchiveGrain.StatementsKey(scenario.AccountId, 2026)).Statements()));
            await Assert.ThrowsAsync<ForbiddenException>(() => client.InvokeAsync(async grains =>
            {
                await grains.GetGrain<IStatementIndexGrain>("sh_20260101_x").Record(scenario.AccountId);
                return 0;
            }));
        }

        Assert.Equal(0, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).InstallmentsOutstanding.Amount);
    }
}
