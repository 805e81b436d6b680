using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Entities;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// Issue 6 §6: a card's grant list is bounded. Ended grants (revoked, expired, pending ones binding never finished)
/// leave the hot list when a grant is made, into a history of the most recently ended; live grants are capped.
/// The test silos allow 6 live grants (CardGrantsMax) and list 3 ended ones (CardEndedGrantsMax).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CardGrantListTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Ended_grants_leave_the_hot_list_and_the_card_lists_only_the_most_recently_ended()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var live = scenario.Grants["alipay"].GrantId;
        var ended = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var grant = await scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest(i % 2 == 0 ? "wechatpay" : "alipay"));
            await scenario.Issuer.RevokeGrantAsync(grant.GrantId);
            ended.Add(grant.GrantId);
        }

        var newest = await scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("wechatpay"));
        var stored = await StoredEntities.Card(fixture.Cluster, scenario.CardId);
        var listed = await scenario.Issuer.ListGrantsAsync(scenario.CardId);

        Assert.Equal([live, newest.GrantId], stored.GrantIds);
        Assert.Equal(ended.Skip(1), stored.EndedGrantIds);
        Assert.Equal([live, newest.GrantId, .. ended.Skip(1)], listed.Select(grant => grant.GrantId));
        Assert.Equal([GrantStatus.Active, GrantStatus.Active, GrantStatus.Revoked, GrantStatus.Revoked, GrantStatus.Revoked], listed.Select(grant => grant.Status));
        Assert.Equal(GrantStatus.Revoked, (await scenario.Issuer.GetGrantAsync(ended[0])).Status);
    }

    [Fact]
    public async Task A_card_refuses_a_grant_beyond_its_live_grants_max_until_one_ends()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        for (var i = 1; i < 6; i++)
        {
            await scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("wechatpay"));
        }

        var refused = await Assert.ThrowsAsync<OperationRejectedException>(() => scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("wechatpay")));
        await scenario.Wallet("alipay").RevokeGrantAsync(scenario.Grants["alipay"].GrantId);
        var made = await scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("wechatpay"));

        Assert.Equal(ErrorCodes.InvalidTransition, refused.Code);
        Assert.Equal(GrantStatus.Active, made.Status);
        Assert.Equal(6, (await StoredEntities.Card(fixture.Cluster, scenario.CardId)).GrantIds.Count);
    }

    [Fact]
    public async Task A_pending_grant_that_binding_never_finished_expires_and_leaves_the_hot_list()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var pending = await Activations.SiloGrains(fixture.Cluster).GetGrain<IVirtualCardGrain>(scenario.CardId)
            .CreatePendingGrant("binding-" + Guid.NewGuid().ToString("N"), "wechatpay");

        SwitchSiloConfigurator.Clock.Advance(new SwitchOptions().PendingGrantLifetime + TimeSpan.FromMinutes(1));
        var expired = await scenario.Issuer.GetGrantAsync(pending.GrantId);
        await scenario.Issuer.CreateGrantAsync(scenario.CardId, new GrantRequest("wechatpay"));
        var stored = await StoredEntities.Card(fixture.Cluster, scenario.CardId);

        Assert.Equal(GrantStatus.PendingVerification, pending.Status);
        Assert.Equal(GrantStatus.Expired, expired.Status);
        Assert.DoesNotContain(pending.GrantId, stored.GrantIds);
        Assert.Equal([pending.GrantId], stored.EndedGrantIds);
    }
}
