using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>Guarantee 6: per-transaction, daily and monthly limits at grant, card and account level hold under concurrency.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LimitTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_grant_daily_count_limit_holds_under_concurrent_payments()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 1_000_000, "wechatpay");
        var grant = await scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("alipay", new SpendLimits(DailyCountMax: 5)));
        var wallet = scenario.Wallet("alipay");

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            Task.Run(() => wallet.AuthorizeAsync(new AuthorizeRequest(grant.GrantId, null, Money.Fen(100), Scenario.Shop)))));

        Assert.Equal(5, results.Count(result => result.Decision == Decision.Approved));
        Assert.All(results.Where(result => result.Decision == Decision.Declined), result => Assert.Equal(DeclineReason.ExceedsDailyCount, result.Reason));
        Assert.Equal(Decision.Approved, (await scenario.Pay("wechatpay", 100)).Decision);
    }

    [Fact]
    public async Task Card_and_account_amount_limits_apply_across_every_grant_of_the_card()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 1_000_000, "alipay", "wechatpay");
        await scenario.Issuer.SetCardLimitsAsync(scenario.CardId, new SpendLimits(DailyAmountMax: 10_000));
        await scenario.Issuer.SetAccountLimitsAsync(scenario.AccountId, new SpendLimits(PerTransactionMax: 8_000, MonthlyCountMax: 3));

        var tooBig = await scenario.Pay("alipay", 8_001);
        var first = await scenario.Pay("alipay", 6_000);
        var overCardDay = await scenario.Pay("wechatpay", 4_001);
        var second = await scenario.Pay("wechatpay", 4_000);
        var third = await scenario.Pay("wechatpay", 1, merchant: Scenario.Shop);

        Assert.Equal(DeclineReason.ExceedsTransactionLimit, tooBig.Reason);
        Assert.Equal(Decision.Approved, first.Decision);
        Assert.Equal(DeclineReason.ExceedsDailyAmount, overCardDay.Reason);
        Assert.Equal(Decision.Approved, second.Decision);
        Assert.Equal(DeclineReason.ExceedsDailyAmount, third.Reason);
    }

    [Fact]
    public async Task A_blocked_merchant_category_is_declined_before_limits_and_credit()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100, "wechatpay");
        var grant = await scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("alipay", new SpendLimits(PerTransactionMax: 50), BlockedMccs: ["7995"]));
        var casino = new Merchant("m-casino", "Casino", "7995", "MO");

        var declined = await scenario.Wallet("alipay").AuthorizeAsync(new AuthorizeRequest(grant.GrantId, null, Money.Fen(1_000), casino));

        Assert.Equal(DeclineReason.MerchantCategoryBlocked, declined.Reason);
    }
}
