using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>Guarantee 5: once a revoke, suspend or freeze is acknowledged, nothing new is approved through it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RevocationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task No_approval_follows_an_acknowledged_revoke_while_payments_are_in_flight()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000_000, "alipay", "wechatpay");
        var grantId = scenario.Grants["alipay"].GrantId;
        using var stop = new CancellationTokenSource();
        var approvals = 0;
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var payers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            var results = new List<Authorization>();
            while (!stop.IsCancellationRequested)
            {
                var result = await scenario.Pay("alipay", 100);
                results.Add(result);
                if (result.IsApproved && Interlocked.Increment(ref approvals) == 50)
                {
                    inFlight.TrySetResult();
                }
            }

            return results;
        })).ToArray();

        // Revoke once payments are observed flowing (50 approvals), while the 16 payers keep going.
        await inFlight.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await scenario.Wallet("alipay").RevokeGrantAsync(grantId);
        var afterRevoke = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => scenario.Pay("alipay", 100)));
        stop.Cancel();
        var during = (await Task.WhenAll(payers)).SelectMany(results => results).ToList();

        Assert.All(afterRevoke, result => Assert.Equal(DeclineReason.GrantNotActive, result.Reason));
        Assert.Contains(during, result => result.Decision == Decision.Approved);
        // Decisions on one line are totally ordered by sequence: every approval precedes every revoked decline.
        var stored = await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId);
        var forGrant = stored.Authorizations.Values.Where(record => record.GrantId == grantId).ToList();
        var lastApproval = forGrant.Where(record => record.IsApproved).Max(record => record.Sequence);
        var firstRevokedDecline = forGrant.Where(record => record.Reason == DeclineReason.GrantNotActive).Min(record => record.Sequence);
        Assert.True(lastApproval < firstRevokedDecline, $"approval {lastApproval} came after the revoke took effect at {firstRevokedDecline}");
        Assert.Equal(Decision.Approved, (await scenario.Pay("wechatpay", 100)).Decision);
    }

    [Fact]
    public async Task A_frozen_card_and_a_frozen_account_decline_with_their_own_reasons_in_precedence_order()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");

        await scenario.Issuer.FreezeAccountAsync(scenario.AccountId);
        var accountFrozen = await scenario.Pay("alipay", 100);
        await scenario.Issuer.FreezeCardAsync(scenario.CardId);
        var cardFrozen = await scenario.Pay("alipay", 100);
        await scenario.Issuer.SuspendGrantAsync(scenario.Grants["alipay"].GrantId);
        var grantSuspended = await scenario.Pay("alipay", 100);
        await scenario.Issuer.ResumeGrantAsync(scenario.Grants["alipay"].GrantId);
        await scenario.Issuer.UnfreezeCardAsync(scenario.CardId);
        await scenario.Issuer.UnfreezeAccountAsync(scenario.AccountId);
        var resumed = await scenario.Pay("alipay", 100);

        Assert.Equal(DeclineReason.AccountNotActive, accountFrozen.Reason);
        Assert.Equal(DeclineReason.CardNotActive, cardFrozen.Reason);
        Assert.Equal(DeclineReason.GrantNotActive, grantSuspended.Reason);
        Assert.Equal(Decision.Approved, resumed.Decision);
    }

    [Fact]
    public async Task A_wallet_cannot_see_or_act_on_another_wallets_grant_or_payment()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay", "wechatpay");
        var payment = await scenario.Pay("alipay", 1_000);
        var wechat = scenario.Wallet("wechatpay");

        await Assert.ThrowsAsync<NotFoundException>(() => wechat.GetGrantAsync(scenario.Grants["alipay"].GrantId));
        await Assert.ThrowsAsync<NotFoundException>(() => wechat.RevokeGrantAsync(scenario.Grants["alipay"].GrantId));
        await Assert.ThrowsAsync<NotFoundException>(() => wechat.GetAuthorizationAsync(payment.AuthorizationId));
        await Assert.ThrowsAsync<NotFoundException>(() => wechat.CaptureAsync(payment.AuthorizationId, Money.Fen(1_000)));
        await Assert.ThrowsAsync<NotFoundException>(() => wechat.ReverseAsync(payment.AuthorizationId));
        await Assert.ThrowsAsync<NotFoundException>(() => wechat.AuthorizeAsync(new AuthorizeRequest(scenario.Grants["alipay"].GrantId, null, Money.Fen(1), Scenario.Shop)));
        Assert.Equal(1_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    [Fact]
    public async Task A_wallet_token_routes_to_its_grant_and_is_never_the_card_number()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grant = await scenario.Wallet("alipay").GetGrantAsync(scenario.Grants["alipay"].GrantId);

        var payment = await scenario.Wallet("alipay").AuthorizeAsync(new AuthorizeRequest(null, grant.WalletToken, Money.Fen(700), Scenario.Shop));

        Assert.NotNull(grant.WalletToken);
        Assert.DoesNotContain(scenario.CardNumber, grant.WalletToken);
        Assert.Equal(grant.GrantId, payment.GrantId);
        Assert.Null((await scenario.Issuer.ListGrantsAsync(scenario.CardId)).Single().WalletToken);
    }
}
