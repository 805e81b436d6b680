using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// A grant, and the card once it made one, leave memory (an idle line keeps no activation of either), and reading them
/// back, which pushes their policy to the account again, writes nothing there: the account already holds that revision.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrantActivationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_grant_leaves_memory_once_made_and_reading_it_back_writes_nothing_to_its_account()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grantId = scenario.Grants["alipay"].GrantId;
        var grant = Activations.SiloGrains(fixture.Cluster).GetGrain<IAuthorizationGrantGrain>(grantId);
        Assert.Null(await Activations.WhereActiveAfterIdle(fixture.Cluster, grant));
        var before = (await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Version;

        var read = await scenario.Wallet("alipay").GetGrantAsync(grantId);

        Assert.Equal(GrantStatus.Active, read.Status);
        Assert.Equal(before, (await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Version);
        Assert.Equal(Decision.Approved, (await scenario.Pay("alipay", 100)).Decision);
    }

    [Fact]
    public async Task A_card_leaves_memory_once_it_made_a_grant_and_reading_it_back_writes_nothing_to_its_account()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var card = Activations.SiloGrains(fixture.Cluster).GetGrain<IVirtualCardGrain>(scenario.CardId);
        Assert.Null(await Activations.WhereActiveAfterIdle(fixture.Cluster, card));
        var before = (await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Version;

        var read = await scenario.Issuer.GetCardAsync(scenario.CardId);

        Assert.Equal(CardStatus.Active, read.Status);
        Assert.Equal(before, (await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Version);
        var wechat = await scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("wechatpay"));
        Assert.Equal(GrantStatus.Active, wechat.Status);
        Assert.Equal(Decision.Approved, (await scenario.Pay("alipay", 100)).Decision);
    }
}
