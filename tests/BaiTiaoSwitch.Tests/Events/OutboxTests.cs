using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Tests.Guarantees;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Events;
using Xunit;
using Xunit.Abstractions;

namespace BaiTiaoSwitch.Tests.Events;

/// <summary>The outbox: an acknowledged decision reaches the event stream even when its silo dies before publishing it.</summary>
[Collection(OwnClusterCollection.Name)]
public sealed class OutboxTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_acknowledged_payment_reaches_the_lines_event_stream_with_its_decision()
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(2);
        await cluster.DeployAsync();
        try
        {
            var scenario = await Scenario.Create(cluster.GrainFactory, 1_000_000, "alipay");
            await using var recorder = await StreamRecorder.Follow(cluster.Client, scenario.AccountId);
            var answer = await scenario.Pay("alipay", 1_234);
            await recorder.Until(delivered => delivered.Any(item => item.Decision?.AuthorizationId == answer.AuthorizationId)).WaitAsync(TimeSpan.FromMinutes(1));
            var decision = recorder.Deliveries.First(item => item.Decision?.AuthorizationId == answer.AuthorizationId).Decision!;
            Assert.Equal(1_234, decision.Amount.Amount);
            Assert.Equal(scenario.Grants["alipay"].GrantId, decision.GrantId);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_silo_killed_between_the_journal_write_and_the_publish_loses_no_acknowledged_decision_and_each_reaches_the_stream_once_after_dedup()
    {
        Azurite.EnsureRunning();
        var cluster = ClusterFactory.Build(3, anySiloMayDie: true);
        await cluster.DeployAsync();
        try
        {
            var scenario = await Scenario.Create(cluster.GrainFactory, 1_000_000, "alipay", "wechatpay");
            var line = cluster.GrainFactory.GetGrain<ICreditAccountGrain>(scenario.AccountId);
            var host = await HostCrashTests.HostOf(cluster, line);
            await using var recorder = await StreamRecorder.Follow(cluster.Client, scenario.AccountId);

            // The line's silo stalls every publish: each entry is durable (the wallet has its answer), its events are not out.
            var held = EventPublishing.For(cluster.Options.ServiceId).Hold(host.SiloAddress.ToString());
            var acknowledged = new List<string>();
            for (var round = 0; round < 5; round++)
            {
                // Concurrent payments share journal entries (group commit): some entries carry several decisions.
                var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(index => scenario.Pay(index % 2 == 0 ? "alipay" : "wechatpay", 1_000 + index)));
                acknowledged.AddRange(answers.Select(answer => answer.AuthorizationId));
            }

            await held.Reached.WaitAsync(TimeSpan.FromMinutes(1));
            Assert.DoesNotContain(recorder.Deliveries, delivered => delivered.Decision is not null);

            await cluster.KillSiloAsync(host);

            // The next call to the line activates it on a surviving silo (after membership learns the host is dead),
            // which publishes from the journal what was not confirmed published.
            var snapshot = await UntilAnswered(() => scenario.Issuer.GetAccountAsync(scenario.AccountId));
            Assert.Equal(5 * (1_000 + 1_001 + 1_002 + 1_003), snapshot.Pending.Amount);
            await recorder.Until(delivered => acknowledged.All(id => delivered.Any(item => item.Decision?.AuthorizationId == id)))
                .WaitAsync(TimeSpan.FromMinutes(2));

            var distinct = recorder.Deliveries.DistinctBy(item => item.EventId).ToList();
            output.WriteLine($"{acknowledged.Count} acknowledged, {recorder.Deliveries.Count} deliveries, {distinct.Count} distinct events; {held.Events.Count} events were held on the dead silo");
            foreach (var authorizationId in acknowledged)
            {
                Assert.Single(distinct, item => item.Decision?.AuthorizationId == authorizationId);
            }

            // The events published again carry the ids the dead silo would have used: a consumer's dedup sees one event.
            var heldIds = held.Events.Where(item => item.Decision is not null).Select(item => item.EventId).ToHashSet(StringComparer.Ordinal);
            Assert.Subset(distinct.Select(item => item.EventId).ToHashSet(StringComparer.Ordinal), heldIds);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Calls until an answer comes: calls routed to the dead silo fail until membership declares it dead.</summary>
    private static async Task<T> UntilAnswered<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (attempt < 20 && exception is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
            {
            }
        }
    }
}
