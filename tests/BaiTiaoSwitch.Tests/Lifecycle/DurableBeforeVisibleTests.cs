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
/// Issue 6 §4 for cards, grants and indexes: nothing is kept in memory or shown before it is durable. A failed write
/// answers outcome_unknown (retryable, with no secret in it) and the object then shows exactly what storage holds.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DurableBeforeVisibleTests(ClusterFixture fixture)
{
    private StorageFaults Faults => ClusterFactory.Faults(fixture.Cluster);

    private BaiTiaoSwitchClient IssuerWithoutRetries => new(fixture.Cluster.GrainFactory, TestKeys.Issuer, retriesMax: 0);

    [Theory]
    [InlineData(Fault.FailBeforeWrite, GrantStatus.Active)]
    [InlineData(Fault.FailAfterWrite, GrantStatus.Suspended)]
    [InlineData(Fault.Conflict, GrantStatus.Active)]
    public async Task A_grant_whose_write_fails_answers_outcome_unknown_and_then_shows_only_what_storage_holds(Fault fault, GrantStatus expected)
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grant = scenario.Grants["alipay"];
        var token = (await scenario.Wallet("alipay").GetGrantAsync(grant.GrantId)).WalletToken!;
        Faults.Arm(StorageNames.Records, fault, target => target.Contains(grant.GrantId, StringComparison.Ordinal));

        var unknown = await Assert.ThrowsAsync<OutcomeUnknownException>(() => IssuerWithoutRetries.SuspendGrantAsync(grant.GrantId));
        var shown = await scenario.Issuer.GetGrantAsync(grant.GrantId);
        var stored = await StoredEntities.Grant(fixture.Cluster, grant.GrantId);

        Assert.True(unknown.IsRetryable);
        Assert.Null(unknown.InnerException);
        Assert.DoesNotContain(token, unknown.Message, StringComparison.Ordinal);
        Assert.Equal(expected, stored.Status);
        Assert.Equal(stored.Status, shown.Status);
        var payment = await scenario.Pay("alipay", 100);
        Assert.Equal(expected == GrantStatus.Active, payment.IsApproved);
    }

    [Theory]
    [InlineData(Fault.FailBeforeWrite, CardStatus.Active)]
    [InlineData(Fault.FailAfterWrite, CardStatus.Frozen)]
    [InlineData(Fault.Conflict, CardStatus.Active)]
    public async Task A_card_whose_write_fails_answers_outcome_unknown_and_then_shows_only_what_storage_holds(Fault fault, CardStatus expected)
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        Faults.Arm(StorageNames.Records, fault, target => target.Contains(scenario.CardId, StringComparison.Ordinal));

        var unknown = await Assert.ThrowsAsync<OutcomeUnknownException>(() => IssuerWithoutRetries.FreezeCardAsync(scenario.CardId));
        var shown = await scenario.Issuer.GetCardAsync(scenario.CardId);
        var stored = await StoredEntities.Card(fixture.Cluster, scenario.CardId);

        Assert.True(unknown.IsRetryable);
        Assert.Null(unknown.InnerException);
        Assert.DoesNotContain(scenario.CardNumber, unknown.Message, StringComparison.Ordinal);
        Assert.Equal(expected, stored.Status);
        Assert.Equal(stored.Status, shown.Status);
        var payment = await scenario.Pay("alipay", 100);
        Assert.Equal(expected == CardStatus.Active, payment.IsApproved);
    }

    [Fact]
    public async Task An_index_entry_whose_write_fails_is_not_taken_and_the_next_registration_decides()
    {
        var grains = Activations.SiloGrains(fixture.Cluster);
        var cardKey = "idx-card-" + Guid.NewGuid().ToString("N");
        var tokenKey = "idx-token-" + Guid.NewGuid().ToString("N");
        Faults.Arm(StorageNames.Records, Fault.FailBeforeWrite, target => target.Contains(cardKey, StringComparison.Ordinal));
        Faults.Arm(StorageNames.Records, Fault.Conflict, target => target.Contains(tokenKey, StringComparison.Ordinal));

        await Assert.ThrowsAsync<OutcomeUnknownException>(() => grains.GetGrain<ICardNumberIndexGrain>(cardKey).Register("cd_first"));
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => grains.GetGrain<IWalletTokenGrain>(tokenKey).Register("gr_first"));

        Assert.Null(await grains.GetGrain<ICardNumberIndexGrain>(cardKey).Find());
        Assert.Null(await grains.GetGrain<IWalletTokenGrain>(tokenKey).Find());
        Assert.True(await grains.GetGrain<ICardNumberIndexGrain>(cardKey).Register("cd_second"));
        Assert.False(await grains.GetGrain<ICardNumberIndexGrain>(cardKey).Register("cd_first"));
        Assert.Equal("cd_second", await grains.GetGrain<ICardNumberIndexGrain>(cardKey).Find());
    }
}
