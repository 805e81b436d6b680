using BaiTiaoSwitch.Testing.Conservation;
using Xunit;

namespace BaiTiaoSwitch.Testing.Tests.Kit;

[Collection(MemoryKitCollection.Name)]
public sealed class MemoryClusterTests(MemoryKitCluster cluster)
{
    [Fact]
    public async Task A_cluster_on_memory_storage_serves_a_payment_and_its_line_conserves()
    {
        var line = await cluster.OpenLineAsync(10_000);
        var grant = await Payments.GrantAsync(cluster, await cluster.IssueCardAsync(line), "alipay");
        var ledger = new ExpectedLedger();

        var payment = await Payments.PayAsync(cluster, grant, 3_000);
        ledger.Opened(payment.AuthorizationId, 3_000);
        await cluster.Wallet("alipay").CaptureAsync(payment.AuthorizationId, Money.Fen(1_000));
        ledger.Captured(payment.AuthorizationId, 1_000, final: false);

        Assert.True(payment.IsApproved);
        Assert.Equal(7_000, (await cluster.Issuer.GetAccountAsync(line.AccountId)).Available.Amount);
        await cluster.AssertConservedAsync(line.AccountId, ledger);
    }

    [Fact]
    public async Task The_conservation_check_fails_on_a_real_line_when_the_tests_ledger_misses_a_capture()
    {
        var line = await cluster.OpenLineAsync(10_000);
        var grant = await Payments.GrantAsync(cluster, await cluster.IssueCardAsync(line), "alipay");
        var ledger = new ExpectedLedger();
        var payment = await Payments.PayAsync(cluster, grant, 2_000);
        ledger.Opened(payment.AuthorizationId, 2_000);
        await cluster.Wallet("alipay").CaptureAsync(payment.AuthorizationId, Money.Fen(500));

        var failure = await Assert.ThrowsAsync<ConservationException>(() => cluster.AssertConservedAsync(line.AccountId, ledger));

        Assert.Equal(line.AccountId, failure.AccountId);
        Assert.Contains("posted the test expects from its captures and refunds: 0, but 500 computed from the 1 stored authorizations", failure.Violations);
    }

    [Fact]
    public async Task The_conservation_check_fails_on_a_real_line_whose_stored_holds_lost_one()
    {
        var line = await cluster.OpenLineAsync(10_000);
        var grant = await Payments.GrantAsync(cluster, await cluster.IssueCardAsync(line), "wechatpay");
        await Payments.PayAsync(cluster, grant, 1_200);
        await Payments.PayAsync(cluster, grant, 800);
        var stored = await cluster.ReadStoredLineAsync(line.AccountId);
        var reported = await cluster.ReadReportedLineAsync(line.AccountId);
        Assert.Empty(LineConservation.Violations(stored, reported));

        // Storage that lost the second hold: the account still counts it, the holds no longer do.
        var lost = stored with { Holds = [.. stored.Holds.Where(hold => hold.Amount != 800)] };

        Assert.Contains("limit − available the account reports: 2000, but 1200 computed from the 1 stored authorizations", LineConservation.Violations(lost, reported));
    }

    [Fact]
    public async Task Advancing_the_clock_moves_the_switch_while_the_silos_stay_up()
    {
        var line = await cluster.OpenLineAsync(10_000);
        var grant = await Payments.GrantAsync(cluster, await cluster.IssueCardAsync(line), "alipay");
        var before = cluster.Clock.GetUtcNow();

        await cluster.AdvanceAsync(TimeSpan.FromDays(3));
        var payment = await Payments.PayAsync(cluster, grant, 100);

        Assert.Equal(before + TimeSpan.FromDays(3), payment.CreatedAt);
        Assert.Equal(2, await cluster.Issuer.CountActiveSilosAsync());
    }
}
