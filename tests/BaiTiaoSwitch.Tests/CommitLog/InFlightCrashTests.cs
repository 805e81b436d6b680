using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Guarantees;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Testing.Conservation;
using BaiTiaoSwitch.Tests.Infrastructure.Load;
using Xunit;

namespace BaiTiaoSwitch.Tests.CommitLog;

/// <summary>
/// Guarantees 3 and 4 when the silo dies while the commit log's transaction with a line's entry is in flight: the
/// write may land after the death or never; a retry with the same key resolves to exactly one stored effect either way.
/// </summary>
[Collection(OwnClusterCollection.Name)]
public sealed class InFlightCrashTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_silo_that_dies_with_its_transaction_in_flight_leaves_exactly_one_effect_per_key(bool writeLandsBeforeTheRetry)
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(3, anySiloMayDie: true);
        await cluster.DeployAsync();
        try
        {
            var scenario = await Scenario.Create(cluster.GrainFactory, 10_000, "alipay");
            var host = await HostCrashTests.HostOf(cluster, cluster.GrainFactory.GetGrain<ICreditAccountGrain>(scenario.AccountId));
            var wallet = Wallets.WithoutRetries(cluster.GrainFactory, "alipay");
            var request = new AuthorizeRequest(scenario.Grants["alipay"].GrantId, null, Money.Fen(2_500), Scenario.Shop);
            var key = "in-flight-" + Guid.NewGuid().ToString("N");
            var held = ClusterFactory.Faults(cluster).Hold(StorageNames.Journal, target => target.Contains(scenario.AccountId, StringComparison.Ordinal));

            var first = wallet.AuthorizeAsync(request, RequestOptions.WithKey(key));
            await held.Arrived;
            await cluster.KillSiloAsync(host);
            await Assert.ThrowsAnyAsync<Exception>(() => first);
            if (writeLandsBeforeTheRetry)
            {
                held.Release();
            }

            var retried = await new SameKeyRetry(new RetryTally(), TimeSpan.FromMinutes(1)).Resolve(key, options => wallet.AuthorizeAsync(request, options));
            held.Release();

            Assert.NotNull(retried);
            Assert.Equal(Decision.Approved, retried.Decision);
            var stored = await StoredLedger.LoadLine(cluster, scenario.AccountId);
            Assert.Equal(retried.AuthorizationId, Assert.Single(stored.Holds).AuthorizationId);
            var expected = new ExpectedLedger();
            expected.Opened(retried.AuthorizationId, 2_500);
            await StoredLedger.AssertConserved(cluster, scenario, expected);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
