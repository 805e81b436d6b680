using System.Diagnostics.Metrics;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk.Backtests;
using BaiTiaoSwitch.Telemetry;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Tests.Risk.Backtests;

/// <summary>The decision history on Azurite: group-committed per partition, idempotent by event id, read in original order.</summary>
[Collection(RiskClusterCollection.Name)]
public sealed class DecisionHistoryTests(RiskClusterFixture fixture)
{
    [Fact]
    public async Task Decisions_of_one_partition_are_written_in_entity_group_transactions_not_one_request_each_and_read_back_once_in_order()
    {
        const int decisions = 250;
        var history = SiloSide.Services(fixture.Cluster).GetRequiredService<IDecisionHistory>();
        var accountId = "acct-history-" + Guid.NewGuid().ToString("N")[..8];

        // An hour no other test pays in: a year ahead of the switch's clock.
        var hour = SwitchSiloConfigurator.Clock.GetUtcNow().AddYears(1);
        hour = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero);
        var recorded = Enumerable.Range(1, decisions).Select(version => new SwitchEvent(SwitchEvent.IdOf(accountId, version, 0), accountId, hour.AddSeconds(version),
            new DecisionEvent($"auth-{accountId}-{version}", "grant-1", "card-1", "alipay", Money.Fen(100), Scenario.Shop, null, Decision.Approved, null, [], hour), null)).ToList();
        var batches = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Meter.Name == SwitchMetrics.MeterName && instrument.Name == "bts.batch.size")
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, items, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "batch", Value: "decisions" })
                {
                    lock (batches)
                    {
                        batches.Add(items);
                    }
                }
            }
        });
        listener.Start();

        await history.Record(recorded);
        listener.Dispose();
        await history.Record(recorded[..10]);

        var read = new List<SwitchEvent>();
        await foreach (var decision in history.Read(hour, hour.AddHours(1)))
        {
            read.Add(decision);
        }

        Assert.Equal(recorded.Select(decision => decision.EventId), read.Select(decision => decision.EventId));
        lock (batches)
        {
            Assert.True(batches.Sum() >= decisions, $"{batches.Sum()} rows were written in batches");
            // The first rows may go before the rest are queued (the linger is 20 ms, and a loaded machine queues slowly),
            // so the bound is on the average and on full transactions, not on an exact count: one request per decision
            // would be 250 transactions of 1.
            Assert.True(batches.Count <= decisions / 10, $"{decisions} decisions of one partition took {batches.Count} transactions ({string.Join(", ", batches)})");
            Assert.Equal(100, batches.Max());
        }
    }
}
