using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Entities;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// A card or grant made under an idempotency key claimed for the first time is written without being read first (its
/// activation does not load it): two storage reads fewer per line's setup. A replay reads it and answers the same. A
/// creation told "new" for a record that exists fails its create-only write, overwrites nothing, and its retry answers
/// what is stored.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RecordCreationTests(ClusterFixture fixture)
{
    private StorageFaults Faults => ClusterFactory.Faults(fixture.Cluster);

    [Fact]
    public async Task A_new_card_and_a_new_grant_are_written_without_being_read()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");

        Assert.Equal(0, ReadsOf(fixture.Cluster.GrainFactory.GetGrain<IVirtualCardGrain>(scenario.CardId)));
        Assert.Equal(0, ReadsOf(fixture.Cluster.GrainFactory.GetGrain<IAuthorizationGrantGrain>(scenario.Grants["alipay"].GrantId)));
        Assert.Equal(scenario.AccountId, (await StoredEntities.Card(fixture.Cluster, scenario.CardId)).AccountId);
        Assert.Equal(GrantStatus.Active, (await StoredEntities.Grant(fixture.Cluster, scenario.Grants["alipay"].GrantId)).Status);
    }

    [Fact]
    public async Task A_replayed_issue_and_grant_read_what_is_stored_and_answer_the_same()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000);
        var (issueKey, grantKey) = ("issue-" + Guid.NewGuid().ToString("N"), "grant-" + Guid.NewGuid().ToString("N"));
        var issued = await scenario.Issuer.IssueCardAsync(scenario.AccountId, RequestOptions.WithKey(issueKey));
        var granted = await scenario.Issuer.CreateGrantAsync(issued.Card.CardId, new GrantRequest("wechatpay"), RequestOptions.WithKey(grantKey));
        var grant = fixture.Cluster.GrainFactory.GetGrain<IAuthorizationGrantGrain>(granted.GrantId);
        Assert.Null(await Activations.WhereActiveAfterIdle(fixture.Cluster, grant));

        var issuedAgain = await scenario.Issuer.IssueCardAsync(scenario.AccountId, RequestOptions.WithKey(issueKey));
        var grantedAgain = await scenario.Issuer.CreateGrantAsync(issued.Card.CardId, new GrantRequest("wechatpay"), RequestOptions.WithKey(grantKey));

        Assert.Equal((issued.Card.CardId, issued.CardNumber), (issuedAgain.Card.CardId, issuedAgain.CardNumber));
        Assert.Equal((granted.GrantId, granted.WalletToken), (grantedAgain.GrantId, grantedAgain.WalletToken));
        Assert.True(ReadsOf(grant) >= 1);
    }

    [Fact]
    public async Task A_creation_told_new_for_a_grant_that_exists_overwrites_nothing_and_its_retry_answers_what_is_stored()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var made = scenario.Grants["alipay"];
        var grains = Activations.SiloGrains(fixture.Cluster);
        var grant = grains.GetGrain<IAuthorizationGrantGrain>(made.GrantId);
        Assert.Null(await Activations.WhereActiveAfterIdle(fixture.Cluster, grant));
        var before = await StoredEntities.Grant(fixture.Cluster, made.GrantId);
        var route = new GrantRoute(made.GrantId, scenario.AccountId, scenario.CardId, "alipay");

        await Assert.ThrowsAsync<OutcomeUnknownException>(() => grant.Create(route, before.Last4!, new GrantRequest("alipay"), verified: true, isNew: true));

        var after = await StoredEntities.Grant(fixture.Cluster, made.GrantId);
        Assert.Equal((Sealed(before), before.Revision, before.CreatedAt), (Sealed(after), after.Revision, after.CreatedAt));
        var retried = await grant.Create(route, before.Last4!, new GrantRequest("alipay"), verified: true, isNew: false);
        Assert.Equal((made.GrantId, GrantStatus.Active), (retried.GrantId, retried.Status));
        Assert.Equal(Sealed(before), Sealed(await StoredEntities.Grant(fixture.Cluster, made.GrantId)));
    }

    private static string Sealed(GrantState grant) => Convert.ToBase64String(grant.WalletToken!.Ciphertext);

    private int ReadsOf(IAddressable grain)
    {
        var target = grain.GetGrainId().ToString();
        return Faults.PointReads(StorageNames.Records, read => read == target);
    }
}
