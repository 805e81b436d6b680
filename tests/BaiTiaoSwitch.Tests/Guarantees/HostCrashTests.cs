using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Testing.Conservation;
using BaiTiaoSwitch.Tests.Infrastructure.Load;
using Orleans.TestingHost;
using Xunit;
using Xunit.Abstractions;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>Guarantees 2, 3 and 4 when the silo that hosts a line dies under load.</summary>
[Collection(OwnClusterCollection.Name)]
public sealed class HostCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_silo_that_hosts_a_line_under_load_fails_calls_that_retries_resolve_with_nothing_lost_or_applied_twice()
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(3, anySiloMayDie: true);
        await cluster.DeployAsync();
        try
        {
            const long limit = 400_000;
            var scenario = await Scenario.Create(cluster.GrainFactory, limit, "alipay", "wechatpay");
            var line = cluster.GrainFactory.GetGrain<ICreditAccountGrain>(scenario.AccountId);
            var host = await HostOf(cluster, line);
            var load = new PaymentLoad(scenario, cluster.GrainFactory, seed: 6, requestDeadline: TimeSpan.FromMinutes(2));

            var running = load.Run(workers: 16, payments: 50);
            await load.Answered(150).WaitAsync(TimeSpan.FromMinutes(2));
            var answeredBeforeKill = load.Tally.Acknowledged;
            await cluster.KillSiloAsync(host);
            await running;

            output.WriteLine($"killed {host.SiloAddress} (the line's host) after {answeredBeforeKill} answers; load: {load.Tally}");
            Assert.True(load.Tally.RetryableFailures > 0, "no call failed: the kill did not hit calls in flight on the line");
            Assert.True(load.Tally.RetriedKeys > 0);
            var newHost = await Activations.WhereActive(cluster, line);
            Assert.NotEqual(host.SiloAddress, newHost);
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

    /// <summary>The silo where the grain is active now, as the silos report their activations.</summary>
    internal static async Task<SiloHandle> HostOf(TestCluster cluster, IAddressable grain)
    {
        var address = await Activations.WhereActive(cluster, grain);
        return cluster.GetActiveSilos().SingleOrDefault(silo => silo.SiloAddress.Equals(address))
            ?? throw new InvalidOperationException($"The grain is not active on any silo of the cluster (the silos say {address}).");
    }
}
