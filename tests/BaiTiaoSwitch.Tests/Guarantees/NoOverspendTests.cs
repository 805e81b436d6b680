using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>Guarantees 1 and 2 under real concurrency on a 3-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NoOverspendTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Two_thousand_concurrent_payments_through_two_wallets_never_overspend_the_line()
    {
        const long limit = 100_000;
        const long amount = 100;
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, limit, "alipay", "wechatpay");

        var payments = Enumerable.Range(0, 2_000)
            .Select(i => Task.Run(() => scenario.Pay(i % 2 == 0 ? "alipay" : "wechatpay", amount)))
            .ToArray();
        var results = await Task.WhenAll(payments);

        var approved = results.Where(result => result.Decision == Decision.Approved).ToList();
        Assert.Equal(limit / amount, approved.Count);
        Assert.True(approved.Sum(result => result.Amount.Amount) <= limit);
        Assert.All(results.Where(result => result.Decision == Decision.Declined), result => Assert.Equal(DeclineReason.InsufficientCredit, result.Reason));
        Assert.Equal(approved.Count, approved.Select(result => result.AuthorizationId).Distinct().Count());

        var account = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal(limit, account.Pending.Amount);
        Assert.Equal(0, account.Available.Amount);

        var stored = await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId);
        StoredLedger.AssertConserved(stored);
        Assert.All(approved, result => Assert.Equal(AuthorizationStatus.Pending, stored.Authorizations[result.AuthorizationId].Status));
    }

    [Fact]
    public async Task Capture_above_hold_within_tolerance_is_recorded_as_over_limit_and_conservation_still_holds()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = scenario.Wallet("alipay");

        var hold = await scenario.Pay("alipay", 9_000);
        var beyond = await Assert.ThrowsAsync<OperationRejectedException>(() => wallet.CaptureAsync(hold.AuthorizationId, Money.Fen(10_351), final: true));
        var capture = await wallet.CaptureAsync(hold.AuthorizationId, Money.Fen(10_350), final: true);
        var declined = await scenario.Pay("alipay", 1);

        // 15% of 9,000 is the tolerance: 10,350 posts (forced, and over the line's limit); 10,351 is refused.
        Assert.Equal(ErrorCodes.CaptureExceedsAuthorization, beyond.Code);
        Assert.True(capture.OverLimit);
        Assert.Equal(DeclineReason.InsufficientCredit, declined.Reason);
        var account = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal(10_350, account.Posted.Amount);
        Assert.Equal(-350, account.Available.Amount);
        Assert.Equal(1_350, account.OverLimit.Amount);
        Assert.Equal(1, account.OverLimitCount);
        StoredLedger.AssertConserved(await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId));
    }

    [Fact]
    public async Task Captures_reversals_and_refunds_keep_the_line_conserved_to_the_fen()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 50_000, "alipay", "wechatpay");
        var alipay = scenario.Wallet("alipay");
        var wechat = scenario.Wallet("wechatpay");

        var first = await scenario.Pay("alipay", 12_345);
        var second = await scenario.Pay("wechatpay", 20_000);
        var third = await scenario.Pay("alipay", 7_001);
        var partial = await alipay.CaptureAsync(first.AuthorizationId, Money.Fen(5_000));
        await alipay.CaptureAsync(first.AuthorizationId, Money.Fen(2_345), final: true);
        await wechat.ReverseAsync(second.AuthorizationId, Money.Fen(3_333));
        var captured = await wechat.CaptureAsync(second.AuthorizationId, Money.Fen(16_667));
        await wechat.RefundAsync(captured.CaptureId, Money.Fen(6_000));
        await alipay.RefundAsync(partial.CaptureId, Money.Fen(5_000));
        var overRefund = await Assert.ThrowsAsync<OperationRejectedException>(() => alipay.RefundAsync(partial.CaptureId, Money.Fen(1)));
        await alipay.ReverseAsync(third.AuthorizationId);

        Assert.Equal(ErrorCodes.RefundExceedsCaptured, overRefund.Code);
        var account = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal(0, account.Pending.Amount);
        Assert.Equal(5_000 + 2_345 + 16_667 - 6_000 - 5_000, account.Posted.Amount);
        Assert.Equal(50_000 - account.Posted.Amount, account.Available.Amount);
        var firstNow = await alipay.GetAuthorizationAsync(first.AuthorizationId);
        Assert.Equal(AuthorizationStatus.Closed, firstNow.Status);
        Assert.Equal(AuthorizationStatus.Reversed, (await alipay.GetAuthorizationAsync(third.AuthorizationId)).Status);
        StoredLedger.AssertConserved(await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId));
    }
}
