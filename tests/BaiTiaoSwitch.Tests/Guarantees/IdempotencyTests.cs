using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>Guarantee 3: exactly one effect per (channel, key).</summary>
[Collection(ClusterCollection.Name)]
public sealed class IdempotencyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Concurrent_duplicates_of_one_key_make_exactly_one_hold()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => scenario.Pay("alipay", 1_000, key: "wallet-req-1"))));

        Assert.Single(results.Select(result => result.AuthorizationId).Distinct());
        var account = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal(1_000, account.Pending.Amount);
        Assert.Equal(1, account.OpenHolds);
    }

    [Fact]
    public async Task A_replay_returns_the_original_result_even_after_the_line_changed()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");

        var original = await scenario.Pay("alipay", 4_000, key: "req-a");
        await scenario.Pay("alipay", 5_000, key: "req-b");
        await Activations.DeactivateAll(fixture.Cluster);
        var replay = await scenario.Pay("alipay", 4_000, key: "req-a");

        Assert.Equal(original, replay with { Captures = original.Captures });
        Assert.Equal(6_000, replay.AvailableCredit.Amount);
        Assert.Equal(9_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    [Fact]
    public async Task The_same_key_with_other_parameters_is_refused_and_changes_nothing()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        await scenario.Pay("alipay", 1_000, key: "req-1");

        var error = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => scenario.Pay("alipay", 2_000, key: "req-1"));

        Assert.Equal(ErrorCodes.IdempotencyKeyReused, error.Code);
        Assert.Equal(1_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    [Fact]
    public async Task Keys_are_scoped_per_channel()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay", "wechatpay");

        var alipay = await scenario.Pay("alipay", 1_000, key: "shared-key");
        var wechat = await scenario.Pay("wechatpay", 1_000, key: "shared-key");

        Assert.NotEqual(alipay.AuthorizationId, wechat.AuthorizationId);
        Assert.Equal(2_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }

    [Fact]
    public async Task A_reversal_that_arrives_before_its_authorization_leaves_a_tombstone()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = scenario.Wallet("alipay");

        var reversal = await wallet.ReverseByRequestAsync(scenario.Grants["alipay"].GrantId, "late-auth-1");
        var late = await scenario.Pay("alipay", 3_000, key: "late-auth-1");

        Assert.Equal(AuthorizationStatus.Reversed, reversal.Status);
        Assert.Equal(reversal.AuthorizationId, late.AuthorizationId);
        Assert.Equal(AuthorizationStatus.Reversed, late.Status);
        var account = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal(0, account.Pending.Amount);
        Assert.Equal(10_000, account.Available.Amount);
    }

    [Fact]
    public async Task A_reversal_by_request_after_the_authorization_releases_its_hold()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");

        var authorization = await scenario.Pay("alipay", 3_000, key: "auth-timeout-1");
        var reversal = await scenario.Wallet("alipay").ReverseByRequestAsync(scenario.Grants["alipay"].GrantId, "auth-timeout-1", RequestOptions.WithKey("rev-1"));

        Assert.Equal(authorization.AuthorizationId, reversal.AuthorizationId);
        Assert.Equal(AuthorizationStatus.Reversed, reversal.Status);
        Assert.Equal(10_000, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Available.Amount);
    }
}
