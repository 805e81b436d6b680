using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Tests.Guarantees;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.TestingHost;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit.Cluster;

/// <summary>The test silos run in sandbox mode (as the local deployment does); a cluster of its own runs without it.</summary>
[Collection(OwnClusterCollection.Name)]
public sealed class SandboxClockTests
{
    [Fact]
    public async Task Advancing_an_accounts_sandbox_clock_runs_the_cut_that_came_due_for_that_account_only()
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(1);
        await cluster.DeployAsync();
        try
        {
            var scenario = await Scenario.Create(cluster.GrainFactory, 100_000);
            var other = await Scenario.Create(cluster.GrainFactory, 100_000);
            var cut = CreditLines.CurrentCut();
            await CreditLines.Purchase(scenario, 1_234);
            await CreditLines.Purchase(other, 1_234);
            var seconds = (long)(CreditLines.Calendar.CutInstant(cut) - CreditLines.Now).TotalSeconds + 60;

            var backwards = await Assert.ThrowsAsync<InvalidRequestException>(() => scenario.Issuer.AdvanceSandboxClockAsync(scenario.AccountId, 0));
            var tooFar = await Assert.ThrowsAsync<InvalidRequestException>(() => scenario.Issuer.AdvanceSandboxClockAsync(scenario.AccountId, (long)new SwitchOptions().SandboxClockAdvanceMax.TotalSeconds + 1));
            var clock = await scenario.Issuer.AdvanceSandboxClockAsync(scenario.AccountId, seconds);

            Assert.Equal((ErrorCodes.InvalidRequest, ErrorCodes.InvalidRequest), (backwards.Code, tooFar.Code));
            Assert.Equal(scenario.AccountId, clock.AccountId);
            Assert.True(clock.Now > CreditLines.Calendar.CutInstant(cut));
            var statement = Assert.Single(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));
            Assert.Equal((1_234L, CreditIds.Statement(scenario.AccountId, cut)), (statement.NewBalance, statement.StatementId));
            Assert.Empty(await other.Issuer.ListStatementsAsync(other.AccountId));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Outside_sandbox_mode_an_accounts_clock_cannot_be_advanced()
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(1, configure: builder => builder.AddSiloBuilderConfigurator<Production>());
        await cluster.DeployAsync();
        try
        {
            var scenario = await Scenario.Create(cluster.GrainFactory, 10_000);

            var refused = await Assert.ThrowsAsync<NotFoundException>(() => scenario.Issuer.AdvanceSandboxClockAsync(scenario.AccountId, 3_600));

            Assert.Equal(ErrorCodes.NotFound, refused.Code);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class Production : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.Services.RemoveAll<SandboxMode>();
    }
}
