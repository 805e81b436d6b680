using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk.Backtests;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Xunit;

namespace BaiTiaoSwitch.Tests.Risk.Backtests;

/// <summary>The decision history is bounded: whole hours older than the retention are deleted, the rest is kept in order.</summary>
[Collection(RiskClusterCollection.Name)]
public sealed class DecisionHistoryRetentionTests(RiskClusterFixture fixture)
{
    [Fact]
    public async Task Forget_deletes_every_blob_of_the_hours_before_the_cutoff_oldest_hour_first_and_keeps_the_rest_in_order()
    {
        var history = SiloSide.Services(fixture.Cluster).GetRequiredService<IDecisionHistory>();
        var accounts = Enumerable.Range(0, 12).Select(index => $"acct-forget-{index}-" + Guid.NewGuid().ToString("N")[..8]).ToList();

        // Hours no other test records in (before the switch's clock starts), so the counts are exact.
        var cutoff = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var oldest = Decisions(accounts, cutoff.AddHours(-5), 150);
        var older = Decisions(accounts, cutoff.AddHours(-3), 30);
        var kept = Decisions(accounts, cutoff, 40).Concat(Decisions(accounts, cutoff.AddHours(1), 40)).ToList();
        await history.Record("events-0", [.. oldest, .. older, .. kept]);

        Assert.Equal(oldest.Count, await history.Forget(cutoff.AddMinutes(30), hoursMax: 1));
        Assert.Equal(older.Count, await history.Forget(cutoff.AddMinutes(30), hoursMax: 24));
        Assert.Equal(0, await history.Forget(cutoff.AddMinutes(30), hoursMax: 24));

        var read = new List<SwitchEvent>();
        await foreach (var decision in history.Read(cutoff.AddHours(-6), cutoff.AddHours(2)))
        {
            read.Add(decision);
        }

        Assert.Equal(kept.Select(decision => decision.EventId), read.Select(decision => decision.EventId));
    }

    [Fact]
    public async Task A_sweep_lists_and_deletes_a_page_of_blobs_at_a_time_and_goes_on_page_after_page_to_the_cutoff()
    {
        // A service of its own, so every blob under its prefix is this test's; pages of 2 blobs.
        var services = SiloSide.Services(fixture.Cluster);
        var history = new BlobDecisionHistory(services.GetRequiredService<IOptions<SwitchStorageOptions>>(), Options.Create(new ClusterOptions { ServiceId = "sweep-pages-" + Guid.NewGuid().ToString("N")[..8] }),
            Options.Create(new BacktestOptions { HistorySweepBatchMax = 2, HistoryRequestsInFlightMax = 2 }), services.GetRequiredService<Serializer>());
        var accounts = new[] { "acct-pages-" + Guid.NewGuid().ToString("N")[..8] };
        var cutoff = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var messages = Enumerable.Range(1, 7).Select(hour => Decisions(accounts, cutoff.AddHours(-hour), hour)).ToList();
        foreach (var message in messages)
        {
            await history.Record("events-0", message);
        }

        var kept = Decisions(accounts, cutoff, 3);
        await history.Record("events-0", kept);

        Assert.Equal(messages.Sum(message => message.Count), await history.Forget(cutoff, hoursMax: 24));
        Assert.Equal(kept.Select(decision => decision.EventId), (await ReadAll(history, cutoff.AddHours(-8), cutoff.AddHours(1))).Select(decision => decision.EventId));
    }

    [Fact]
    public async Task The_sweep_deletes_the_hours_older_than_the_retention_by_the_switch_clock_and_a_second_sweep_deletes_nothing_more()
    {
        var history = SiloSide.Services(fixture.Cluster).GetRequiredService<IDecisionHistory>();
        var sweep = SiloSide.Grains(fixture.Cluster).GetGrain<IDecisionHistorySweepGrain>(0);
        var accounts = new[] { "acct-sweep-" + Guid.NewGuid().ToString("N")[..8] };
        var now = SwitchSiloConfigurator.Clock.GetUtcNow();
        var expired = Decisions(accounts, now - new BacktestOptions().HistoryRetention - TimeSpan.FromHours(2), 3);
        var kept = Decisions(accounts, now.AddHours(1), 3);
        await history.Record("events-0", [.. expired, .. kept]);

        Assert.True(await sweep.SweepNow() >= expired.Count);
        Assert.Equal(0, await sweep.SweepNow());

        Assert.Empty(await ReadAll(history, expired[0].At.AddHours(-1), expired[^1].At.AddHours(1)));
        Assert.Equal(kept.Select(decision => decision.EventId), (await ReadAll(history, kept[0].At, kept[^1].At.AddSeconds(1))).Where(decision => decision.AccountId == accounts[0]).Select(decision => decision.EventId));
    }

    [Fact]
    public void The_validator_names_a_retention_shorter_than_the_window_a_too_short_sweep_period_too_few_sweep_hours_and_blobs_and_no_requests_in_flight()
    {
        var result = new BacktestOptionsValidator().Validate(null, new BacktestOptions
        {
            WindowMax = TimeSpan.FromDays(31), HistoryRetention = TimeSpan.FromDays(30), HistorySweepPeriod = TimeSpan.FromSeconds(10), HistorySweepHoursMax = 0,
            HistorySweepBatchMax = 0, HistoryRequestsInFlightMax = 0,
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith("HistoryRetention must be at least WindowMax", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("HistorySweepPeriod", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("HistorySweepHoursMax", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("HistorySweepBatchMax", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("HistoryRequestsInFlightMax", StringComparison.Ordinal));
        Assert.True(new BacktestOptionsValidator().Validate(null, new BacktestOptions()).Succeeded);
    }

    [Fact]
    public void The_validator_names_a_log_bound_past_azures_50000_blocks_no_append_attempts_a_negative_compaction_grace_and_too_few_compaction_hours()
    {
        var result = new BacktestOptionsValidator().Validate(null, new BacktestOptions
        {
            HistoryBlocksPerBlobMax = 50_001, HistoryAppendAttemptsMax = 0, HistoryCompactionGrace = TimeSpan.FromMinutes(-1), HistoryCompactionHoursMax = 1,
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith("HistoryBlocksPerBlobMax", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("HistoryAppendAttemptsMax", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("HistoryCompactionGrace", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("HistoryCompactionHoursMax", StringComparison.Ordinal));
    }

    /// <summary><paramref name="count"/> decisions from <paramref name="start"/>, a second apart, round-robin over the accounts (so over several shards).</summary>
    private static List<SwitchEvent> Decisions(IReadOnlyList<string> accounts, DateTimeOffset start, int count) =>
        [.. Enumerable.Range(0, count).Select(index =>
        {
            var accountId = accounts[index % accounts.Count];
            var at = start.AddSeconds(index);
            return new SwitchEvent(SwitchEvent.IdOf(accountId, at.UtcTicks, 0), accountId, at,
                new DecisionEvent($"auth-{accountId}-{at.UtcTicks}", "grant-1", "card-1", "alipay", Money.Fen(100), Scenario.Shop, null, Decision.Approved, null, [], at), null);
        })];

    private static async Task<List<SwitchEvent>> ReadAll(IDecisionHistory history, DateTimeOffset from, DateTimeOffset to)
    {
        var read = new List<SwitchEvent>();
        await foreach (var decision in history.Read(from, to))
        {
            read.Add(decision);
        }

        return read;
    }
}
