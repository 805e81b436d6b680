using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.TestingHost;
using Xunit;

namespace BaiTiaoSwitch.Tests.LineCredit;

/// <summary>The account's clock: the switch's time plus a journaled sandbox offset, moved only in sandbox mode.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountClockTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Advancing_an_accounts_clock_expires_its_holds_that_came_due_and_only_its_own()
    {
        var line = await CreditLines.Create(fixture.Cluster, limit: 10_000);
        var other = await CreditLines.Create(fixture.Cluster, limit: 10_000);
        var hold = await line.Scenario.Pay("alipay", 2_000);
        var otherHold = await other.Scenario.Pay("alipay", 2_000);
        var before = (await line.Account.ReadCreditLine()).Now;
        var key = CreditLines.Key();

        var now = await line.Account.AdvanceClock(key, (long)TimeSpan.FromDays(8).TotalSeconds);

        Assert.InRange(now - before, TimeSpan.FromDays(8), TimeSpan.FromDays(8) + TimeSpan.FromMinutes(1));
        Assert.Equal(AuthorizationStatus.Expired, (await line.Scenario.Issuer.GetAuthorizationAsync(hold.AuthorizationId)).Status);
        Assert.Equal(10_000, (await line.Snapshot()).Available.Amount);
        Assert.Equal(AuthorizationStatus.Pending, (await other.Scenario.Issuer.GetAuthorizationAsync(otherHold.AuthorizationId)).Status);
        Assert.Equal(now, await line.Account.AdvanceClock(key, (long)TimeSpan.FromDays(8).TotalSeconds));

        // The offset is journaled: a reloaded line keeps its clock.
        await Activations.DeactivateAll(fixture.Cluster);
        Assert.True((await line.Account.ReadCreditLine()).Now >= now);
    }

    [Fact]
    public async Task A_clock_advance_out_of_bounds_is_refused_and_changes_nothing()
    {
        var line = await CreditLines.Create(fixture.Cluster);
        var before = await line.Account.ReadCreditLine();

        foreach (var seconds in new[] { 0L, -5L, (long)TimeSpan.FromDays(401).TotalSeconds })
        {
            var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => line.Account.AdvanceClock(CreditLines.Key(), seconds));
            Assert.Equal(ErrorCodes.InvalidRequest, refused.Code);
        }

        Assert.InRange((await line.Account.ReadCreditLine()).Now - before.Now, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_billing_day_out_of_1_to_28_is_refused_at_opening_and_the_default_is_the_terms()
    {
        var issuer = new BaiTiaoSwitch.Client.BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);
        var holder = new Holder("张三", "110101199003077777", "13800138000");
        foreach (var day in new[] { 0, 29, -1 })
        {
            var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => issuer.OpenAccountAsync(new OpenAccountRequest("acct-bd-" + Guid.NewGuid().ToString("N")[..10], holder, Money.Fen(1_000), 720, day)));
            Assert.Equal(ErrorCodes.InvalidRequest, refused.Code);
        }

        var chosen = await issuer.OpenAccountAsync(new OpenAccountRequest("acct-bd-" + Guid.NewGuid().ToString("N")[..10], holder, Money.Fen(1_000), 720, 15));
        var defaulted = await issuer.OpenAccountAsync(new OpenAccountRequest("acct-bd-" + Guid.NewGuid().ToString("N")[..10], holder, Money.Fen(1_000), 720));
        Assert.Equal((15, 0L), (chosen.BillingDay, chosen.InstallmentsOutstanding.Amount));
        Assert.Equal(BaiTiaoSwitch.Credit.CreditTerms.Default.BillingDayDefault, defaulted.BillingDay);
    }

    [Fact]
    public async Task Outside_sandbox_mode_advancing_a_clock_is_not_found()
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(1, configure: builder => builder.AddSiloBuilderConfigurator<ProductionMode>());
        await cluster.DeployAsync();
        try
        {
            var line = await CreditLines.Create(cluster);
            var before = await line.Account.ReadCreditLine();

            await Assert.ThrowsAsync<NotFoundException>(() => line.Account.AdvanceClock(CreditLines.Key(), 3_600));

            Assert.InRange((await line.Account.ReadCreditLine()).Now - before.Now, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class ProductionMode : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.Services.RemoveAll<SandboxMode>();
    }
}
