using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Testing.Conservation;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>Guarantee 2 still holds, computed from storage, once closed authorizations have left the hot state.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ArchiveConservationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Archived_captures_and_refunds_still_count_in_the_computed_posted_balance()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var wallet = scenario.Wallet("alipay");
        var closed = await scenario.Pay("alipay", 4_000);
        var capture = await wallet.CaptureAsync(closed.AuthorizationId, Money.Fen(4_000), final: true);
        await wallet.RefundAsync(capture.CaptureId, Money.Fen(1_500));
        var open = await scenario.Pay("alipay", 1_000);

        SwitchSiloConfigurator.Clock.Advance(new SwitchOptions().ClosedAuthorizationRetention + TimeSpan.FromDays(1));
        await Activations.SiloGrains(fixture.Cluster).GetGrain<ICreditAccountGrain>(scenario.AccountId).ExpireHolds();

        var stored = await StoredLedger.LoadLine(fixture.Cluster, scenario.AccountId);
        var hot = await StoredLedger.LoadBook(fixture.Cluster, scenario.AccountId);
        // The closed one left the hot state; the open one expired just now, so it stays hot for the retention.
        Assert.DoesNotContain(closed.AuthorizationId, hot.Authorizations.Keys);
        Assert.Equal(1, stored.ArchivedCount);
        Assert.Equal([closed.AuthorizationId, open.AuthorizationId], stored.Holds.Select(hold => hold.AuthorizationId).Order(StringComparer.Ordinal));
        var expected = new ExpectedLedger();
        expected.Opened(closed.AuthorizationId, 4_000);
        expected.Captured(closed.AuthorizationId, 4_000, final: true);
        expected.Refunded(closed.AuthorizationId, 1_500);
        expected.Opened(open.AuthorizationId, 1_000);
        expected.Expired(open.AuthorizationId);
        await StoredLedger.AssertConserved(fixture.Cluster, scenario, expected);
    }
}
