using BaiTiaoSwitch.Testing.Conservation;
using Xunit;

namespace BaiTiaoSwitch.Testing.Tests.Kit;

[Collection(AzuriteKitCollection.Name)]
public sealed class AzuriteClusterTests(AzuriteKitCluster cluster)
{
    [Fact]
    public async Task A_cluster_on_azurite_serves_a_payment_and_its_line_conserves()
    {
        var line = await cluster.OpenLineAsync(5_000);
        var grant = await Payments.GrantAsync(cluster, await cluster.IssueCardAsync(line), "wechatpay");
        var ledger = new ExpectedLedger();

        var payment = await Payments.PayAsync(cluster, grant, 1_800);
        ledger.Opened(payment.AuthorizationId, 1_800);

        Assert.True(payment.IsApproved);
        Assert.StartsWith("kit", cluster.Environment.NamePrefix, StringComparison.Ordinal);
        await cluster.AssertConservedAsync(line.AccountId, ledger);
    }
}
