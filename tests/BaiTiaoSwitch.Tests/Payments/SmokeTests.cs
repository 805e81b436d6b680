using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Payments;

[Collection(ClusterCollection.Name)]
public sealed class SmokeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_payment_through_a_grant_places_a_hold_on_the_line()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");

        var authorization = await scenario.Pay("alipay", 2_500);

        Assert.Equal(Decision.Approved, authorization.Decision);
        Assert.Equal(7_500, authorization.AvailableCredit.Amount);
        var account = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal(2_500, account.Pending.Amount);
        Assert.Equal(7_500, account.Available.Amount);
    }
}
