using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>Guarantee 3 on every path (issue 6 §3): one namespace of keys per channel, archived paths, reversal by key.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExactlyOnceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_key_used_on_one_account_is_refused_on_another_accounts_grant_of_the_same_channel()
    {
        var first = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay", "wechatpay");
        var second = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay", "wechatpay");
        var key = "shared-" + Guid.NewGuid().ToString("N");

        var paid = await first.Pay("alipay", 1_000, key);
        var reused = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => second.Pay("alipay", 1_000, key));
        var otherChannel = await second.Pay("wechatpay", 1_000, key);

        Assert.Equal(Decision.Approved, paid.Decision);
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Code);
        Assert.Equal(Decision.Approved, otherChannel.Decision);
        Assert.Equal(1_000, (await second.Issuer.GetAccountAsync(second.AccountId)).Pending.Amount);
    }

    [Fact]
    public async Task Concurrent_duplicate_refunds_of_an_archived_capture_take_effect_once()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = scenario.Wallet("alipay");
        var hold = await scenario.Pay("alipay", 3_000);
        var capture = await wallet.CaptureAsync(hold.AuthorizationId, Money.Fen(3_000), final: true);
        SwitchSiloConfigurator.Clock.Advance(new SwitchOptions().ClosedAuthorizationRetention + TimeSpan.FromDays(1));
        await SiloSide.Grains(fixture.Cluster).GetGrain<ICreditAccountGrain>(scenario.AccountId).ExpireHolds();
        Assert.DoesNotContain(hold.AuthorizationId, (await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Authorizations.Keys);

        var key = "refund-" + Guid.NewGuid().ToString("N");
        var refunds = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => wallet.RefundAsync(capture.CaptureId, Money.Fen(1_000), RequestOptions.WithKey(key)))));

        Assert.Single(refunds.Select(refund => refund.RefundId).Distinct());
        var account = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal(2_000, account.Posted.Amount);
        Assert.Equal(1_000, (await wallet.GetAuthorizationAsync(hold.AuthorizationId)).Refunded.Amount);
    }

    [Fact]
    public async Task A_key_whose_record_left_hot_state_still_replays_its_answer_and_refuses_another_request()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var key = "cold-" + Guid.NewGuid().ToString("N");
        var original = await scenario.Pay("alipay", 1_200, key);
        SwitchSiloConfigurator.Clock.Advance(new SwitchOptions().IdempotencyHotWindow + TimeSpan.FromMinutes(1));
        await SiloSide.Grains(fixture.Cluster).GetGrain<ICreditAccountGrain>(scenario.AccountId).ExpireHolds();
        Assert.Empty((await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Requests.Values);

        var replay = await scenario.Pay("alipay", 1_200, key);
        var other = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => scenario.Pay("alipay", 1_300, key));

        Assert.Equal(original, replay);
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, other.Code);
        Assert.Equal(1_200, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);

        // The answer on the claim row is the compact form (KeyAnswerForm), without the key it is stored under.
        var stored = await SiloSide.Services(fixture.Cluster).GetRequiredService<IRequestKeyStore>().FindAnswer("alipay", key, MoneyPipeline.OwnerOf(scenario.AccountId));
        Assert.Equal(0xB1, stored![0]);
        Assert.True(stored.Length < 160, $"the answer takes {stored.Length} bytes");
        Assert.Equal(-1, stored.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public async Task A_tombstone_that_left_hot_state_still_makes_the_late_authorization_take_no_credit()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var key = "cold-tombstone-" + Guid.NewGuid().ToString("N");
        var tombstone = await scenario.Wallet("alipay").ReverseByRequestAsync(scenario.Grants["alipay"].GrantId, key);
        SwitchSiloConfigurator.Clock.Advance(new SwitchOptions().IdempotencyHotWindow + TimeSpan.FromMinutes(1));
        await SiloSide.Grains(fixture.Cluster).GetGrain<ICreditAccountGrain>(scenario.AccountId).ExpireHolds();
        Assert.Empty((await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId)).Requests.Values);

        var late = await scenario.Pay("alipay", 4_000, key);

        Assert.Equal(tombstone.AuthorizationId, late.AuthorizationId);
        Assert.Equal(0, late.Amount.Amount);
        Assert.Equal(10_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Available.Amount);
    }

    [Fact]
    public async Task A_reversal_by_key_after_the_keys_record_was_pruned_reverses_the_hold_that_is_still_open()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var key = "late-" + Guid.NewGuid().ToString("N");
        var hold = await scenario.Pay("alipay", 2_500, key);
        SwitchSiloConfigurator.Clock.Advance(new SwitchOptions().IdempotencyRetention + TimeSpan.FromHours(1));
        await SiloSide.Grains(fixture.Cluster).GetGrain<ICreditAccountGrain>(scenario.AccountId).ExpireHolds();

        var reversal = await scenario.Wallet("alipay").ReverseByRequestAsync(scenario.Grants["alipay"].GrantId, key);

        Assert.Equal(hold.AuthorizationId, reversal.AuthorizationId);
        Assert.Equal(AuthorizationStatus.Reversed, reversal.Status);
        Assert.Equal(0, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    [Fact]
    public async Task A_reversal_by_a_key_that_made_a_capture_is_not_found_and_overwrites_nothing()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = scenario.Wallet("alipay");
        var hold = await scenario.Pay("alipay", 2_000);
        var key = "capture-" + Guid.NewGuid().ToString("N");
        var capture = await wallet.CaptureAsync(hold.AuthorizationId, Money.Fen(500), options: RequestOptions.WithKey(key));

        await Assert.ThrowsAsync<NotFoundException>(() => wallet.ReverseByRequestAsync(scenario.Grants["alipay"].GrantId, key));
        var replay = await wallet.CaptureAsync(hold.AuthorizationId, Money.Fen(500), options: RequestOptions.WithKey(key));

        Assert.Equal(capture.CaptureId, replay.CaptureId);
        Assert.Equal(1_500, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    [Fact]
    public async Task A_tombstone_makes_the_late_authorization_take_no_credit_and_replays_as_reversed()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var key = "never-came-" + Guid.NewGuid().ToString("N");

        var tombstone = await scenario.Wallet("alipay").ReverseByRequestAsync(scenario.Grants["alipay"].GrantId, key);
        var late = await scenario.Pay("alipay", 4_000, key);

        Assert.Equal(AuthorizationStatus.Reversed, tombstone.Status);
        Assert.Equal(tombstone.AuthorizationId, late.AuthorizationId);
        Assert.Equal(0, late.Amount.Amount);
        Assert.Equal(10_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Available.Amount);
    }
}
