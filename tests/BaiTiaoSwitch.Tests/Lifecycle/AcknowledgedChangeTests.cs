using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Entities;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using BaiTiaoSwitch.Tests.Infrastructure.Load;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>
/// Guarantee 5 under storage faults (issue 6 §4): a revoke or freeze is acknowledged only when the object's own state
/// and the account's policy copy are both durable, and no retry, late or repeated, undoes it or a later change.
/// Faults are injected at each step: the object's own write (fails, stored but unanswered, conflicts) and the
/// account's journal write that makes its policy copy durable.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AcknowledgedChangeTests(ClusterFixture fixture)
{
    public static TheoryData<string, Fault> Steps => new()
    {
        { StorageNames.Records, Fault.FailBeforeWrite },
        { StorageNames.Records, Fault.FailAfterWrite },
        { StorageNames.Records, Fault.Conflict },
        { StorageNames.Journal, Fault.FailBeforeWrite },
        { StorageNames.Journal, Fault.FailAfterWrite },
        { StorageNames.Journal, Fault.Conflict },
    };

    private StorageFaults Faults => ClusterFactory.Faults(fixture.Cluster);

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_revoke_that_failed_at_any_step_is_acknowledged_by_its_retry_and_nothing_is_approved_after(string store, Fault fault)
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grantId = scenario.Grants["alipay"].GrantId;
        var key = "revoke-" + Guid.NewGuid().ToString("N");
        var target = store == StorageNames.Records ? grantId : scenario.AccountId;
        Faults.Arm(store, fault, written => written.Contains(target, StringComparison.Ordinal));

        await Assert.ThrowsAsync<OutcomeUnknownException>(() => Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay").RevokeGrantAsync(grantId, RequestOptions.WithKey(key)));
        var acknowledged = await scenario.Wallet("alipay").RevokeGrantAsync(grantId, RequestOptions.WithKey(key));
        var after = await scenario.Pay("alipay", 100);

        Assert.Equal(GrantStatus.Revoked, acknowledged.Status);
        Assert.Equal(DeclineReason.GrantNotActive, after.Reason);
        var stored = await StoredEntities.Grant(fixture.Cluster, grantId);
        var copy = await StoredEntities.GrantPolicy(fixture.Cluster, scenario.AccountId, grantId);
        Assert.Equal(GrantStatus.Revoked, stored.Status);
        Assert.Equal((stored.Status, stored.Revision), (copy!.Status, copy.Revision));
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_card_freeze_that_failed_at_any_step_is_acknowledged_by_its_retry_and_nothing_is_approved_after(string store, Fault fault)
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var key = "freeze-" + Guid.NewGuid().ToString("N");
        var target = store == StorageNames.Records ? scenario.CardId : scenario.AccountId;
        Faults.Arm(store, fault, written => written.Contains(target, StringComparison.Ordinal));

        var issuer = new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer, retriesMax: 0);
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => issuer.FreezeCardAsync(scenario.CardId, RequestOptions.WithKey(key)));
        var acknowledged = await scenario.Issuer.FreezeCardAsync(scenario.CardId, RequestOptions.WithKey(key));
        var after = await scenario.Pay("alipay", 100);

        Assert.Equal(CardStatus.Frozen, acknowledged.Status);
        Assert.Equal(DeclineReason.CardNotActive, after.Reason);
        var stored = await StoredEntities.Card(fixture.Cluster, scenario.CardId);
        var copy = await StoredEntities.CardPolicy(fixture.Cluster, scenario.AccountId, scenario.CardId);
        Assert.Equal(CardStatus.Frozen, stored.Status);
        Assert.Equal((stored.Status, stored.Revision), (copy!.Status, copy.Revision));
    }

    [Fact]
    public async Task A_grant_whose_revoke_reached_only_its_own_storage_shows_revoked_only_once_the_account_enforces_it()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grantId = scenario.Grants["alipay"].GrantId;
        Faults.Arm(StorageNames.Journal, Fault.FailBeforeWrite, written => written.Contains(scenario.AccountId, StringComparison.Ordinal));
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => Wallets.WithoutRetries(fixture.Cluster.GrainFactory, "alipay").RevokeGrantAsync(grantId));

        // No retry of the revoke: a read alone must not show a status the account does not enforce.
        var shown = await scenario.Wallet("alipay").GetGrantAsync(grantId);
        var payment = await scenario.Pay("alipay", 100);

        Assert.Equal(GrantStatus.Revoked, shown.Status);
        Assert.Equal(DeclineReason.GrantNotActive, payment.Reason);
        Assert.Equal(GrantStatus.Revoked, (await StoredEntities.GrantPolicy(fixture.Cluster, scenario.AccountId, grantId))!.Status);
    }

    [Fact]
    public async Task A_card_whose_freeze_reached_only_its_own_storage_shows_frozen_only_once_the_account_enforces_it()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        Faults.Arm(StorageNames.Journal, Fault.FailBeforeWrite, written => written.Contains(scenario.AccountId, StringComparison.Ordinal));
        var issuer = new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer, retriesMax: 0);
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => issuer.FreezeCardAsync(scenario.CardId));

        var shown = await scenario.Issuer.GetCardAsync(scenario.CardId);
        var payment = await scenario.Pay("alipay", 100);

        Assert.Equal(CardStatus.Frozen, shown.Status);
        Assert.Equal(DeclineReason.CardNotActive, payment.Reason);
        Assert.Equal(CardStatus.Frozen, (await StoredEntities.CardPolicy(fixture.Cluster, scenario.AccountId, scenario.CardId))!.Status);
    }

    [Fact]
    public async Task A_stale_policy_push_never_overwrites_a_newer_one_in_the_account()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grantId = scenario.Grants["alipay"].GrantId;
        await scenario.Wallet("alipay").RevokeGrantAsync(grantId);
        var revoked = (await StoredEntities.GrantPolicy(fixture.Cluster, scenario.AccountId, grantId))!;

        // The push of an older revision (a late or repeated one) arrives after the revoke's.
        await Activations.SiloGrains(fixture.Cluster).GetGrain<Accounts.ICreditAccountGrain>(scenario.AccountId)
            .UpsertGrantPolicy(revoked with { Status = GrantStatus.Active, Revision = revoked.Revision - 1 });

        Assert.Equal(DeclineReason.GrantNotActive, (await scenario.Pay("alipay", 100)).Reason);
        Assert.Equal(revoked.Revision, (await StoredEntities.GrantPolicy(fixture.Cluster, scenario.AccountId, grantId))!.Revision);
    }

    [Fact]
    public async Task A_retried_suspend_never_undoes_a_resume_made_after_it()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var grantId = scenario.Grants["alipay"].GrantId;
        var suspendKey = "suspend-" + Guid.NewGuid().ToString("N");
        var issuer = new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer, retriesMax: 0);

        // The suspend is stored, but its answer is lost before the account's copy is told.
        Faults.Arm(StorageNames.Records, Fault.FailAfterWrite, written => written.Contains(grantId, StringComparison.Ordinal));
        await Assert.ThrowsAsync<OutcomeUnknownException>(() => issuer.SuspendGrantAsync(grantId, RequestOptions.WithKey(suspendKey)));
        var resumed = await scenario.Issuer.ResumeGrantAsync(grantId);
        var replayed = await scenario.Issuer.SuspendGrantAsync(grantId, RequestOptions.WithKey(suspendKey));
        var payment = await scenario.Pay("alipay", 100);

        Assert.Equal(GrantStatus.Active, resumed.Status);
        Assert.Equal(GrantStatus.Suspended, replayed.Status);
        Assert.Equal(Decision.Approved, payment.Decision);
        var stored = await StoredEntities.Grant(fixture.Cluster, grantId);
        var copy = await StoredEntities.GrantPolicy(fixture.Cluster, scenario.AccountId, grantId);
        Assert.Equal(GrantStatus.Active, stored.Status);
        Assert.Equal((GrantStatus.Active, stored.Revision), (copy!.Status, copy.Revision));
    }
}
