using BaiTiaoSwitch.Risk.Backtests;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static BaiTiaoSwitch.Tests.Risk.Backtests.DecisionHistoryStorage;

namespace BaiTiaoSwitch.Tests.Risk.Backtests;

/// <summary>The decision logs: racing writers of one recorder's hour, rolling at the block bound, compaction.</summary>
[Collection(RiskClusterCollection.Name)]
public sealed class DecisionLogTests(RiskClusterFixture fixture)
{
    private static readonly DateTimeOffset Hour = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_writer_whose_view_of_the_log_is_stale_appends_after_the_other_writer_and_both_messages_are_stored_whole_once()
    {
        var storage = DecisionHistoryStorage.Create(fixture.Cluster);
        var (first, second) = (storage.Writer(), storage.Writer());
        var messages = Enumerable.Range(0, 3).Select(index => Message("acct-race", 1 + (index * 10), 10, Hour.AddMinutes(index))).ToList();

        await first.Record("events-2", messages[0]);
        await second.Record("events-2", messages[1]);

        // The first writer still thinks the log ends after its own block: its conditional append is refused, it reads the length again.
        await first.Record("events-2", messages[2]);

        var log = Assert.Single(await storage.Blobs(Hour));
        Assert.Equal(messages.SelectMany(message => message).Select(decision => decision.EventId), (await storage.Stored(log.Name)).Select(decision => decision.EventId));
        Assert.Equal(InOrder(messages.SelectMany(message => message)), (await ReadAll(first, Hour, Hour.AddHours(1))).Select(decision => decision.EventId));
    }

    [Fact]
    public async Task Two_writers_racing_on_one_recorders_hour_store_every_message_exactly_once()
    {
        var storage = DecisionHistoryStorage.Create(fixture.Cluster);
        var writers = new[] { storage.Writer(), storage.Writer() };
        var messages = Enumerable.Range(0, 40).Select(index => Message("acct-burst", 1 + (index * 5), 5, Hour.AddSeconds(index * 5))).ToList();

        await Task.WhenAll(writers.Select((writer, side) => Task.Run(async () =>
        {
            foreach (var message in messages.Where((_, index) => index % 2 == side))
            {
                await writer.Record("events-4", message);
            }
        })));

        var stored = await storage.Stored(Assert.Single(await storage.Blobs(Hour)).Name);
        Assert.Equal(200, stored.Count);
        Assert.Equal(InOrder(messages.SelectMany(message => message)), InOrder(stored));
        Assert.Equal(InOrder(messages.SelectMany(message => message)), (await ReadAll(writers[1], Hour, Hour.AddHours(1))).Select(decision => decision.EventId));
    }

    [Fact]
    public async Task A_full_log_is_left_for_the_next_one_and_compacted_and_every_decision_is_read_once()
    {
        var storage = DecisionHistoryStorage.Create(fixture.Cluster);
        var history = storage.Writer(new BacktestOptions { HistoryBlocksPerBlobMax = 3 });
        var messages = Enumerable.Range(0, 7).Select(index => Message("acct-roll", 1 + (index * 4), 4, Hour.AddMinutes(index))).ToList();

        foreach (var message in messages)
        {
            await history.Record("events-5", message);
        }

        var names = (await storage.Blobs(Hour)).Select(blob => blob.Name[(blob.Name.LastIndexOf('/') + 1)..]).ToList();
        Assert.Equal(["events-5~00000.dat", "events-5~00001.dat", "events-5~00002.log"], names);
        Assert.Equal(InOrder(messages.SelectMany(message => message)), (await ReadAll(history, Hour, Hour.AddHours(1))).Select(decision => decision.EventId));
    }

    [Fact]
    public async Task Compacting_a_closed_hour_keeps_every_decision_in_one_blob_and_a_decision_written_late_is_read_beside_it_and_merged_next_time()
    {
        var storage = DecisionHistoryStorage.Create(fixture.Cluster);
        var history = storage.Writer();
        var messages = Enumerable.Range(0, 5).Select(index => Message("acct-compact", 1 + (index * 6), 6, Hour.AddMinutes(index * 10))).ToList();
        foreach (var (message, index) in messages.Select((message, index) => (message, index)))
        {
            await history.Record("events-" + (index % 2), message);
        }

        Assert.Equal(2, await history.Compact(Hour.AddHours(1).AddMinutes(10), hoursMax: 2));
        var compacted = await storage.Blobs(Hour);
        Assert.All(compacted, blob => Assert.True(DecisionBlobNames.IsCompacted(blob.Name), blob.Name));
        Assert.Equal(["18", "12"], compacted.Select(blob => blob.Metadata[DecisionCompaction.DecisionsKey]));
        var all = InOrder(messages.SelectMany(message => message));
        Assert.Equal(all, (await ReadAll(history, Hour, Hour.AddHours(1))).Select(decision => decision.EventId));

        // A line republishes late into the closed hour, through a writer that knew nothing of it: a new log beside the compacted blob.
        var late = Message("acct-compact", 100, 3, Hour.AddMinutes(59));
        await storage.Writer().Record("events-0", [.. late, .. messages[0]]);
        Assert.Contains(await storage.Blobs(Hour), blob => blob.Name.EndsWith("events-0~00001.log", StringComparison.Ordinal));
        Assert.Equal(InOrder([.. messages.SelectMany(message => message), .. late]), (await ReadAll(history, Hour, Hour.AddHours(1))).Select(decision => decision.EventId));

        Assert.Equal(1, await history.Compact(Hour.AddHours(1).AddMinutes(10), hoursMax: 2));
        Assert.Equal(0, await history.Compact(Hour.AddHours(1).AddMinutes(10), hoursMax: 2));
        Assert.Equal(3, (await storage.Blobs(Hour)).Count);
        Assert.Equal(InOrder([.. messages.SelectMany(message => message), .. late]), (await ReadAll(history, Hour, Hour.AddHours(1))).Select(decision => decision.EventId));
        Assert.Equal(messages.Sum(message => message.Count) + late.Count + messages[0].Count, await history.Forget(Hour.AddHours(1), hoursMax: 1));
    }

    [Fact]
    public async Task A_log_appended_to_after_it_was_compacted_is_read_beside_the_compacted_blob_and_merged_by_the_next_compaction()
    {
        var storage = DecisionHistoryStorage.Create(fixture.Cluster);
        var history = storage.Writer();
        var first = Message("acct-after", 1, 4, Hour.AddMinutes(1));
        var second = Message("acct-after", 5, 4, Hour.AddMinutes(2));
        await history.Record("events-6", first);
        var log = Assert.Single(await storage.Blobs(Hour));

        // A compaction that read the log before the second append wrote the compacted blob; its conditional delete then
        // finds the log changed and leaves it.
        await history.Record("events-6", second);
        await storage.Container.GetBlobClient(DecisionBlobNames.CompactedOf(log.Name)).UploadAsync(
            new BinaryData(DecisionFrames.Frames(storage.Services.GetRequiredService<Orleans.Serialization.Serializer>(), first).Single()),
            new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = new Dictionary<string, string> { [DecisionCompaction.CoversKey] = DecisionCompaction.Plain(log.Properties.ETag), [DecisionCompaction.DecisionsKey] = "4" } });

        Assert.Equal(2, (await storage.Blobs(Hour)).Count);
        Assert.Equal(InOrder([.. first, .. second]), (await ReadAll(history, Hour, Hour.AddHours(1))).Select(decision => decision.EventId));

        Assert.Equal(1, await history.Compact(Hour.AddHours(2), hoursMax: 2));
        var compacted = Assert.Single(await storage.Blobs(Hour));
        Assert.Equal(InOrder([.. first, .. second]), (await storage.Stored(compacted.Name)).Select(decision => decision.EventId));
        Assert.Equal("8", compacted.Metadata[DecisionCompaction.DecisionsKey]);
    }
}
