using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>Guarantee 7: an uncaptured hold releases its credit when its period ends, exactly once, across deactivation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExpiryTests(ClusterFixture fixture)
{
    private static readonly TimeSpan HoldPeriod = new SwitchOptions().HoldPeriod;

    [Fact]
    public async Task A_hold_expires_exactly_once_even_after_the_account_is_deactivated()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        // ExpireHolds is internal to the cluster: the test sweeps as a silo does.
        var account = Activations.SiloGrains(fixture.Cluster).GetGrain<ICreditAccountGrain>(scenario.AccountId);
        var hold = await scenario.Pay("alipay", 3_000);

        Assert.Equal(0, await account.ExpireHolds());
        SwitchSiloConfigurator.Clock.Advance(HoldPeriod + TimeSpan.FromMinutes(1));
        var firstSweep = await account.ExpireHolds();
        await Activations.DeactivateAll(fixture.Cluster);
        var afterReactivation = await account.ExpireHolds();

        // The reminder may have swept first; either way the hold expired once: released once, never twice.
        Assert.InRange(firstSweep, 0, 1);
        Assert.Equal(0, afterReactivation);
        var snapshot = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal(0, snapshot.Pending.Amount);
        Assert.Equal(10_000, snapshot.Available.Amount);
        Assert.Equal(AuthorizationStatus.Expired, (await scenario.Wallet("alipay").GetAuthorizationAsync(hold.AuthorizationId)).Status);
        StoredLedger.AssertConserved(await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId));
    }

    [Fact]
    public async Task A_capture_after_expiry_still_posts_and_is_recorded_as_over_limit()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var hold = await scenario.Pay("alipay", 4_000);

        SwitchSiloConfigurator.Clock.Advance(HoldPeriod + TimeSpan.FromSeconds(1));
        var capture = await scenario.Wallet("alipay").CaptureAsync(hold.AuthorizationId, Money.Fen(4_000), final: true);

        Assert.True(capture.OverLimit);
        var snapshot = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal(0, snapshot.Pending.Amount);
        Assert.Equal(4_000, snapshot.Posted.Amount);
        Assert.Equal(1, snapshot.OverLimitCount);
    }

    [Fact]
    public async Task The_hold_sweep_reminder_expires_holds_without_any_call_to_the_account()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        await scenario.Pay("alipay", 2_000);
        await Activations.DeactivateAll(fixture.Cluster);

        SwitchSiloConfigurator.Clock.Advance(HoldPeriod + TimeSpan.FromMinutes(1));

        // The reminder service ticks on real time (every 2 s here); wait for its effect in storage, bounded.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        AccountBook stored;
        do
        {
            await Task.Delay(500);
            stored = await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId);
        }
        while (stored.Header.Pending != 0 && DateTime.UtcNow < deadline);

        Assert.Equal(0, stored.Header.Pending);
        Assert.Single(stored.Authorizations.Values, record => record.Status == AuthorizationStatus.Expired);
    }
}
