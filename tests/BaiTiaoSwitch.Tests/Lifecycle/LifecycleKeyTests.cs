using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// Guarantee 3 for lifecycle calls on cards and grants (issue 6 §3): each key is claimed in its channel's namespace
/// before the change; the same request again gets the original answer and changes nothing again; another request,
/// or another card, grant or account, with the same key is refused.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LifecycleKeyTests(ClusterFixture fixture)
{
    private static RequestOptions Key(string key) => RequestOptions.WithKey(key);

    private static string NewKey(string what) => what + "-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_same_suspend_again_returns_its_original_answer_and_does_not_undo_a_later_resume()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grantId = scenario.Grants["alipay"].GrantId;
        var suspendKey = NewKey("suspend");

        var suspended = await scenario.Issuer.SuspendGrantAsync(grantId, Key(suspendKey));
        await scenario.Issuer.ResumeGrantAsync(grantId);
        await Activations.DeactivateAll(fixture.Cluster);
        var replayed = await scenario.Issuer.SuspendGrantAsync(grantId, Key(suspendKey));

        Assert.Equal(GrantStatus.Suspended, replayed.Status);
        Assert.Equal((suspended.GrantId, suspended.Status, suspended.Limits, suspended.CreatedAt), (replayed.GrantId, replayed.Status, replayed.Limits, replayed.CreatedAt));
        Assert.Equal(GrantStatus.Active, (await scenario.Issuer.GetGrantAsync(grantId)).Status);
        Assert.Equal(Decision.Approved, (await scenario.Pay("alipay", 100)).Decision);
    }

    [Fact]
    public async Task The_same_key_for_another_lifecycle_request_is_refused_and_changes_nothing()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grantId = scenario.Grants["alipay"].GrantId;
        var key = NewKey("lifecycle");
        await scenario.Issuer.SuspendGrantAsync(grantId, Key(key));

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => scenario.Issuer.ResumeGrantAsync(grantId, Key(key)));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => scenario.Issuer.SetGrantLimitsAsync(grantId, new SpendLimits(PerTransactionMax: 5), Key(key)));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => scenario.Issuer.FreezeCardAsync(scenario.CardId, Key(key)));

        Assert.Equal(GrantStatus.Suspended, (await scenario.Issuer.GetGrantAsync(grantId)).Status);
        Assert.Equal(Cards.CardStatus.Active, (await scenario.Issuer.GetCardAsync(scenario.CardId)).Status);
    }

    [Fact]
    public async Task A_key_used_on_one_grant_or_card_is_refused_on_another()
    {
        var first = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var second = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grantKey = NewKey("revoke");
        var cardKey = NewKey("freeze");
        await first.Wallet("alipay").RevokeGrantAsync(first.Grants["alipay"].GrantId, Key(grantKey));
        await first.Issuer.FreezeCardAsync(first.CardId, Key(cardKey));

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => second.Wallet("alipay").RevokeGrantAsync(second.Grants["alipay"].GrantId, Key(grantKey)));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => second.Issuer.FreezeCardAsync(second.CardId, Key(cardKey)));

        Assert.Equal(GrantStatus.Active, (await second.Issuer.GetGrantAsync(second.Grants["alipay"].GrantId)).Status);
        Assert.Equal(Decision.Approved, (await second.Pay("alipay", 100)).Decision);
    }

    [Fact]
    public async Task Issuing_a_card_with_a_key_already_used_on_another_account_is_refused()
    {
        var first = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var second = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var key = NewKey("issue");
        var issued = await first.Issuer.IssueCardAsync(first.AccountId, Key(key));

        var replayed = await first.Issuer.IssueCardAsync(first.AccountId, Key(key));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => second.Issuer.IssueCardAsync(second.AccountId, Key(key)));

        Assert.Equal(issued.CardNumber, replayed.CardNumber);
    }

    [Fact]
    public async Task A_direct_grant_key_reused_for_another_grant_request_is_refused()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var key = NewKey("grant");
        var made = await scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("wechatpay"), Key(key));

        var replayed = await scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("wechatpay"), Key(key));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() =>
            scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("wechatpay", new SpendLimits(PerTransactionMax: 10)), Key(key)));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => scenario.Issuer.SuspendGrantAsync(made.GrantId, Key(key)));

        Assert.Equal(made.GrantId, replayed.GrantId);
        Assert.Equal(2, (await scenario.Issuer.ListGrantsAsync(scenario.CardId)).Count);
    }

    [Fact]
    public async Task A_replay_older_than_the_kept_answers_shows_the_grant_as_it_is_and_never_applies_again()
    {
        // The test silos keep 4 answers (LifecycleAnswersMax).
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grantId = scenario.Grants["alipay"].GrantId;
        var suspendKey = NewKey("suspend");
        await scenario.Issuer.SuspendGrantAsync(grantId, Key(suspendKey));
        await scenario.Issuer.ResumeGrantAsync(grantId);
        for (var i = 1; i <= 4; i++)
        {
            await scenario.Issuer.SetGrantLimitsAsync(grantId, new SpendLimits(PerTransactionMax: 1_000 * i));
        }

        var replayed = await scenario.Issuer.SuspendGrantAsync(grantId, Key(suspendKey));

        Assert.Equal(GrantStatus.Active, replayed.Status);
        Assert.Equal(4_000, replayed.Limits.PerTransactionMax);
        Assert.Equal(Decision.Approved, (await scenario.Pay("alipay", 100)).Decision);
    }
}
