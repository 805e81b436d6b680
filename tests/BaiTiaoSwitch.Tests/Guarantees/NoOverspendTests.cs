using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Testing.Conservation;
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

        var expected = new ExpectedLedger();
        approved.ForEach(result => expected.Opened(result.AuthorizationId, amount));
        await StoredLedger.AssertConserved(fixture.Cluster, scenario, expected);
        var stored = await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId);
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
        var expected = new ExpectedLedger();
        expected.Opened(hold.AuthorizationId, 9_000);
        expected.Captured(hold.AuthorizationId, 10_350, final: true);
        await StoredLedger.AssertConserved(fixture.Cluster, scenario, expected);
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
        var expected = new ExpectedLedger();
        expected.Opened(first.AuthorizationId, 12_345);
        expected.Opened(second.AuthorizationId, 20_000);
        expected.Opened(third.AuthorizationId, 7_001);
        expected.Captured(first.AuthorizationId, 5_000, final: false);
        expected.Captured(first.AuthorizationId, 2_345, final: true);
        expected.Reversed(second.AuthorizationId, 3_333);
        expected.Captured(second.AuthorizationId, 16_667, final: false);
        expected.Refunded(second.AuthorizationId, 6_000);
        expected.Refunded(first.AuthorizationId, 5_000);
        expected.Reversed(third.AuthorizationId, null);
        await StoredLedger.AssertConserved(fixture.Cluster, scenario, expected);
    }
}
