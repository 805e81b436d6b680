using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Guarantees;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Testing.Conservation;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using BaiTiaoSwitch.Tests.Infrastructure.Load;
using Xunit;
using Xunit.Abstractions;

namespace BaiTiaoSwitch.Tests.Faults;

/// <summary>R2: guarantees 2, 3 and 4 under load while the real Azure providers fail, lose responses and conflict.</summary>
[Collection(OwnClusterCollection.Name)]
public sealed class StorageFaultLoadTests(ITestOutputHelper output)
{
    private const int Seed = 20261130;

    [Fact]
    public async Task Under_storage_faults_every_unknown_outcome_is_resolved_by_its_key_and_nothing_acknowledged_is_lost_or_applied_twice()
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(2);
        await cluster.DeployAsync();
        try
        {
            const long limit = 400_000;
            var scenario = await Scenario.Create(cluster.GrainFactory, limit, "alipay", "wechatpay");
            var faults = ClusterFactory.Faults(cluster);
            var load = new PaymentLoad(scenario, cluster.GrainFactory, Seed, requestDeadline: TimeSpan.FromMinutes(2));

            faults.Start(FaultRates.Each(0.03), Seed, StorageFaultsConfigurator.Stores);
            try
            {
                await load.Run(workers: 16, payments: 60);
            }
            finally
            {
                faults.Stop();
            }

            output.WriteLine($"seed {Seed}; faults: {faults.Summary()}");
            output.WriteLine($"load: {load.Tally}; {load.Declined} declined");
            Assert.All(new[] { Fault.FailBeforeWrite, Fault.FailAfterWrite, Fault.Conflict }, fault => Assert.True(faults.Injected(StorageNames.Journal, fault) > 0, $"no {fault} was injected into the journal"));
            Assert.True(load.Tally.RetriedKeys > 0, "no request had to be retried");
            var stored = await StoredLedger.LoadLine(cluster, scenario.AccountId);
            Assert.Empty(LoadVerdict.Violations(load, stored));
            await StoredLedger.AssertConserved(cluster, scenario, load.Expected);
            var totals = LineTotals.Of(stored.Holds);
            Assert.True(totals.Pending + totals.Posted <= limit, $"overspent: pending {totals.Pending} + posted {totals.Posted} > {limit}");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
