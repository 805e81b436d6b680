using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Payments;

/// <summary>One hop per payment (issue 7 §2): the SDK calls the account directly, and the account alone decides who may.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OneHopTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_wallet_sending_a_payment_straight_to_an_account_reaches_only_its_own_grants_and_records_nothing_else()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay", "wechatpay");
        var other = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wechat = scenario.Wallet("wechatpay");
        ICreditAccountGrain Line(IGrainFactory grains, string accountId) => grains.GetGrain<ICreditAccountGrain>(accountId);
        var alipayGrant = scenario.Grants["alipay"].GrantId;

        // Another channel's grant on the right line, and the right channel's grant sent to the wrong line: not_found both.
        await Assert.ThrowsAsync<NotFoundException>(() => wechat.InvokeAsync(grains =>
            Line(grains, scenario.AccountId).Authorize("direct-1-" + Guid.NewGuid().ToString("N"), new AuthorizeCommand(alipayGrant, scenario.CardId, Money.Fen(100), Scenario.Shop))));
        await Assert.ThrowsAsync<NotFoundException>(() => scenario.Wallet("alipay").InvokeAsync(grains =>
            Line(grains, other.AccountId).Authorize("direct-2-" + Guid.NewGuid().ToString("N"), new AuthorizeCommand(alipayGrant, scenario.CardId, Money.Fen(100), Scenario.Shop))));
        var paid = await scenario.Pay("alipay", 100);

        Assert.Equal(Decision.Approved, paid.Decision);
        var stored = await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId);
        Assert.Single(stored.Authorizations.Values);
        Assert.Empty((await StoredLedger.LoadBook(fixture.Cluster, other.AccountId)).Authorizations.Values);
    }

    [Fact]
    public async Task A_revoke_stops_payments_sent_over_a_route_the_sdk_learned_before_it()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = scenario.Wallet("alipay");
        Assert.Equal(Decision.Approved, (await scenario.Pay("alipay", 100)).Decision);

        await wallet.RevokeGrantAsync(scenario.Grants["alipay"].GrantId);
        var afterRevoke = await wallet.AuthorizeAsync(new AuthorizeRequest(scenario.Grants["alipay"].GrantId, null, Money.Fen(100), Scenario.Shop));

        Assert.Equal(DeclineReason.GrantNotActive, afterRevoke.Reason);
    }
}
