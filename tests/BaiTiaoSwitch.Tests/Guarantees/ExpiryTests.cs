using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Testing.Conservation;
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
        var expected = new ExpectedLedger();
        expected.Opened(hold.AuthorizationId, 3_000);
        expected.Expired(hold.AuthorizationId);
        await StoredLedger.AssertConserved(fixture.Cluster, scenario, expected);
    }

    [Fact]
    public async Task A_capture_after_expiry_posts_once_as_a_forced_posting_and_a_second_late_capture_is_refused()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var hold = await scenario.Pay("alipay", 4_000);
        var wallet = scenario.Wallet("alipay");

        SwitchSiloConfigurator.Clock.Advance(HoldPeriod + TimeSpan.FromSeconds(1));
        var capture = await wallet.CaptureAsync(hold.AuthorizationId, Money.Fen(4_000));
        var again = await Assert.ThrowsAsync<OperationRejectedException>(() => wallet.CaptureAsync(hold.AuthorizationId, Money.Fen(1)));

        // It did not take the line over its limit, so the capture is not over-limit; it is still a forced posting.
        Assert.False(capture.OverLimit);
        Assert.Equal(ErrorCodes.AuthorizationNotOpen, again.Code);
        var snapshot = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal(0, snapshot.Pending.Amount);
        Assert.Equal(4_000, snapshot.Posted.Amount);
        Assert.Equal(1, snapshot.OverLimitCount);
        Assert.Equal(4_000, snapshot.OverLimit.Amount);
        Assert.Equal(AuthorizationStatus.Closed, (await wallet.GetAuthorizationAsync(hold.AuthorizationId)).Status);
    }

    [Fact]
    public async Task The_hold_sweep_reminder_expires_holds_without_any_call_to_the_account()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        await scenario.Pay("alipay", 2_000);
        await Activations.DeactivateAll(fixture.Cluster);

        SwitchSiloConfigurator.Clock.Advance(HoldPeriod + TimeSpan.FromMinutes(1));

        // The reminder service ticks on real time (every 2 s here): await the line's journal writes until one carries
        // the expiry. The watcher is set before each read, so no write can slip between them.
        var faults = ClusterFactory.Faults(fixture.Cluster);
        AccountBook stored;
        while (true)
        {
            var written = faults.WhenStored(StorageNames.Journal, target => target.Contains(scenario.AccountId, StringComparison.Ordinal));
            stored = await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId);
            if (stored.Header.Pending == 0)
            {
                break;
            }

            await written.WaitAsync(TimeSpan.FromSeconds(120));
        }

        Assert.Equal(0, stored.Header.Pending);
        Assert.Single(stored.Authorizations.Values, record => record.Status == AuthorizationStatus.Expired);
    }
}
