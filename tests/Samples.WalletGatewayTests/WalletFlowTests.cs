using BaiTiaoSwitch;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Testing;
using BaiTiaoSwitch.Testing.Conservation;
using Xunit;

namespace Samples.WalletGatewayTests;

/// <summary>The wallet's flow against a real switch; run on memory storage and on Azurite by the classes below.</summary>
public abstract class WalletFlowTests(SwitchTestCluster cluster)
{
    private FakeWallet Wallet => new(cluster.Wallet("alipay"));

    [Fact]
    public async Task A_bound_card_pays_ships_and_refunds_and_its_line_conserves()
    {
        var line = await cluster.OpenLineAsync(50_000);
        var grant = await cluster.BindAsync(await cluster.IssueCardAsync(line), "alipay");
        var ledger = new ExpectedLedger();

        var payment = await Wallet.CheckoutAsync(grant.GrantId, "order-1", 12_800);
        ledger.Opened(payment.AuthorizationId, 12_800);
        var capture = await Wallet.ShipAsync(payment);
        ledger.Captured(payment.AuthorizationId, 12_800, final: true);
        await Wallet.ReturnAsync(capture, 2_800);
        ledger.Refunded(payment.AuthorizationId, 2_800);

        Assert.Equal(GrantStatus.Active, grant.Status);
        Assert.True(payment.IsApproved);
        Assert.Equal(40_000, (await cluster.Issuer.GetAccountAsync(line.AccountId)).Available.Amount);
        await cluster.AssertConservedAsync(line.AccountId, ledger);
    }

    [Fact]
    public async Task A_retried_checkout_pays_once()
    {
        var line = await cluster.OpenLineAsync(50_000);
        var grant = await cluster.BindAsync(await cluster.IssueCardAsync(line), "alipay");

        var first = await Wallet.CheckoutAsync(grant.GrantId, "order-2", 9_900);
        var retried = await Wallet.CheckoutAsync(grant.GrantId, "order-2", 9_900);

        Assert.Equal(first.AuthorizationId, retried.AuthorizationId);
        Assert.Equal(40_100, (await cluster.Issuer.GetAccountAsync(line.AccountId)).Available.Amount);
    }

    [Fact]
    public async Task A_checkout_on_a_revoked_grant_is_declined_as_grant_not_active()
    {
        var line = await cluster.OpenLineAsync(50_000);
        var grant = await cluster.BindAsync(await cluster.IssueCardAsync(line), "alipay");
        await cluster.Issuer.RevokeGrantAsync(grant.GrantId);

        var payment = await Wallet.CheckoutAsync(grant.GrantId, "order-3", 1_000);

        Assert.False(payment.IsApproved);
        Assert.Equal(DeclineReason.GrantNotActive, payment.Reason);
        await cluster.AssertConservedAsync(line.AccountId, new ExpectedLedger());
    }

    [Fact]
    public async Task An_unshipped_checkout_stops_holding_credit_once_its_hold_expires()
    {
        var line = await cluster.OpenLineAsync(50_000);
        var grant = await cluster.BindAsync(await cluster.IssueCardAsync(line), "alipay");
        var payment = await Wallet.CheckoutAsync(grant.GrantId, "order-4", 5_000);

        // Past the 7-day hold period: the kit moves the switch's clock and sweeps the line's holds.
        await cluster.AdvanceAsync(TimeSpan.FromDays(8));

        Assert.Equal(AuthorizationStatus.Expired, (await cluster.Wallet("alipay").GetAuthorizationAsync(payment.AuthorizationId)).Status);
        Assert.Equal(50_000, (await cluster.Issuer.GetAccountAsync(line.AccountId)).Available.Amount);
    }
}

public sealed class WalletFlowOnMemoryStorage(MemorySwitch cluster) : WalletFlowTests(cluster), IClassFixture<MemorySwitch>;

public sealed class WalletFlowOnAzurite(AzuriteSwitch cluster) : WalletFlowTests(cluster), IClassFixture<AzuriteSwitch>;
