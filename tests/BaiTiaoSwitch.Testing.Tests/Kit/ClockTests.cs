using BaiTiaoSwitch.Credit;
using Xunit;

namespace BaiTiaoSwitch.Testing.Tests.Kit;

/// <summary>A 1-silo switch on memory storage whose clock only these tests move.</summary>
public sealed class ClockKitCluster() : SwitchTestCluster(new SwitchTestClusterOptions { Silos = 1, Storage = SwitchTestStorage.Memory }), IAsyncLifetime;

/// <summary>The kit's clock drives the switch end to end: moving it brings a statement cut due, and the SDK's sandbox clock runs it.</summary>
public sealed class ClockTests(ClockKitCluster cluster) : IClassFixture<ClockKitCluster>
{
    /// <summary>The default terms' calendar (billing day 1, China time): the kit's lines' own.</summary>
    private static readonly StatementPeriods Calendar = StatementPeriods.For(null, CreditTerms.Default);

    [Fact]
    public async Task Moving_the_kit_clock_past_the_billing_day_brings_the_cut_due_and_the_sdks_sandbox_clock_cuts_the_statement()
    {
        var line = await cluster.OpenLineAsync(100_000);
        var grant = await Payments.GrantAsync(cluster, await cluster.IssueCardAsync(line), "alipay");
        var hold = await Payments.PayAsync(cluster, grant, 1_234);
        await cluster.Wallet("alipay").CaptureAsync(hold.AuthorizationId, Money.Fen(1_234), final: true);
        var cut = Calendar.CutDateOf(cluster.Clock.GetUtcNow());

        // A second on the account's own clock runs only what is due: the cut is not, yet.
        await cluster.Issuer.AdvanceSandboxClockAsync(line.AccountId, 1);
        Assert.Empty(await cluster.Issuer.ListStatementsAsync(line.AccountId));

        await cluster.AdvanceAsync(Calendar.CutInstant(cut) - cluster.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var clock = await cluster.Issuer.AdvanceSandboxClockAsync(line.AccountId, 1);

        // The account's now is the kit's clock plus the two seconds its own clock was moved.
        Assert.Equal(cluster.Clock.GetUtcNow().AddSeconds(2), clock.Now);
        Assert.True(clock.Now > Calendar.CutInstant(cut), $"the account's now {clock.Now} is not past the cut {Calendar.CutInstant(cut)}");
        var statement = Assert.Single(await cluster.Issuer.ListStatementsAsync(line.AccountId));
        Assert.Equal((1_234L, CreditIds.Statement(line.AccountId, cut)), (statement.NewBalance, statement.StatementId));
        await cluster.AssertConservedAsync(line.AccountId);
    }
}
