using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Guarantees;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit.Cluster;

/// <summary>The credit grain on clusters of its own: other terms, and a silo killed in the middle of a cut.</summary>
[Collection(OwnClusterCollection.Name)]
public sealed class CreditCrashTests
{
    [Fact]
    public async Task A_plan_whose_apr_is_above_the_cap_is_refused_with_nothing_written()
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(1, configure: builder => builder.AddSiloBuilderConfigurator<CostlyTerms>());
        await cluster.DeployAsync();
        try
        {
            var scenario = await Scenario.Create(cluster.GrainFactory, 100_000);
            var capture = await CreditLines.Purchase(scenario, 30_000);
            var key = BaiTiaoSwitch.Client.RequestOptions.WithKey("plan-" + Guid.NewGuid().ToString("N"));

            var refused = await Assert.ThrowsAsync<OperationRejectedException>(() => scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId, 3, key));

            Assert.Equal(ErrorCodes.AprAboveCap, refused.Code);
            await Assert.ThrowsAsync<NotFoundException>(() => scenario.Issuer.GetInstallmentPlanAsync(CreditIds.Plan(capture.CaptureId)));
            Assert.Equal(0, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).InstallmentsOutstanding.Amount);

            // The key was not even claimed: the same key makes another request.
            var plan = await scenario.Issuer.CreateInstallmentPlanAsync(capture.CaptureId, 6, key);
            Assert.Equal(6, plan.Periods);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cut_whose_write_was_in_flight_when_its_silo_died_is_stored_exactly_once()
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(3, anySiloMayDie: true);
        await cluster.DeployAsync();
        try
        {
            var scenario = await Scenario.Create(cluster.GrainFactory, 100_000);
            var cut = CreditLines.CurrentCut();
            await CreditLines.Purchase(scenario, 2_500);
            Assert.Empty(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));
            var host = await HostCrashTests.HostOf(cluster, cluster.GrainFactory.GetGrain<IAccountCreditGrain>(scenario.AccountId));

            CreditLines.AdvancePastCut(cut);
            var held = ClusterFactory.Faults(cluster).Hold(StorageNames.Entities, target => target.Contains("credit", StringComparison.Ordinal) && target.Contains(scenario.AccountId, StringComparison.Ordinal));
            var listing = scenario.Issuer.ListStatementsAsync(scenario.AccountId);
            await held.Arrived.WaitAsync(TimeSpan.FromMinutes(1));
            await cluster.KillSiloAsync(host);
            held.Release();
            await Record.ExceptionAsync(() => listing);

            var statements = await Eventually(() => scenario.Issuer.ListStatementsAsync(scenario.AccountId));
            await SiloSide.Grains(cluster).GetGrain<IAccountCreditGrain>(scenario.AccountId).RunDue();
            var statement = Assert.Single(await scenario.Issuer.ListStatementsAsync(scenario.AccountId));

            Assert.Single(statements);
            Assert.Equal(CreditIds.Statement(scenario.AccountId, cut), statement.StatementId);
            Assert.Equal((2_500L, 2_500L), (statement.Purchases, statement.NewBalance));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Retries a call that fails while the cluster notices the dead silo (a bounded number of tries, no sleeps).</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (attempt < 20)
            {
            }
        }
    }

    /// <summary>Terms whose 3-period plan costs 3% a period (APR far above the 24% cap); the others stay at 0.5%.</summary>
    private sealed class CostlyTerms : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.Services.Configure<SwitchOptions>(options => options.CreditTerms = CreditTerms.Default with
        {
            Installments = [new InstallmentOption(3, Rate.Percent(3m)), .. CreditTerms.Default.Installments.Where(option => option.Periods != 3)],
        });
    }
}
