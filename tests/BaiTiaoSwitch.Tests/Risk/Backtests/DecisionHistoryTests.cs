using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using BaiTiaoSwitch.Risk.Backtests;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;
using static BaiTiaoSwitch.Tests.Risk.Backtests.DecisionHistoryStorage;

namespace BaiTiaoSwitch.Tests.Risk.Backtests;

/// <summary>The decision history on Azurite: per recorder and hour one log, a block per delivered message, idempotent by event id, read by hour prefix in original order.</summary>
[Collection(RiskClusterCollection.Name)]
public sealed class DecisionHistoryTests(RiskClusterFixture fixture)
{
    [Fact]
    public async Task A_message_is_one_block_in_its_recorders_log_of_each_hour_it_spans_and_a_redelivery_or_regrouping_is_read_back_once_in_original_order()
    {
        var storage = DecisionHistoryStorage.Create(fixture.Cluster);
        var history = storage.Writer();
        var accountId = "acct-history-" + Guid.NewGuid().ToString("N")[..8];

        // The message's decisions run 10 seconds past the hour's end, and come in reverse order (reading sorts).
        var hour = DecisionBlobNames.Hour(SwitchSiloConfigurator.Clock.GetUtcNow().AddYears(1));
        var message = Enumerable.Range(1, 250).Select(version => Decision(accountId, version, hour.AddSeconds(3_590 + (version % 20)))).Reverse().ToList();
        await history.Record("events-3", message);
        var log = Assert.Single(await storage.Blobs(hour));
        Assert.Equal(DecisionBlobNames.Log(storage.ServiceId, hour, "events-3", 0), log.Name);
        Assert.Equal(BlobType.Append, log.Properties.BlobType);
        Assert.Single(await storage.Blobs(hour.AddHours(1)));

        // Delivered again, and republished in another grouping: more blocks in the same log, each decision read once.
        await history.Record("events-3", message);
        await history.Record("events-3", message[..10]);
        Assert.Single(await storage.Blobs(hour));

        Assert.Equal(InOrder(message), (await ReadAll(history, hour, hour.AddHours(2))).Select(decision => decision.EventId));
        Assert.Equal(InOrder(message.Where(decision => decision.At >= hour.AddSeconds(3_595) && decision.At < hour.AddSeconds(3_605))),
            (await ReadAll(history, hour.AddSeconds(3_595), hour.AddSeconds(3_605))).Select(decision => decision.EventId));
    }

    [Fact]
    public async Task A_redelivered_message_is_read_once_before_and_after_its_hour_is_compacted_and_stored_once_after()
    {
        var storage = DecisionHistoryStorage.Create(fixture.Cluster);
        var history = storage.Writer();
        var hour = new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var message = Message("acct-again", 1, 30, hour.AddMinutes(5));

        await history.Record("events-1", message);
        await history.Record("events-1", message);
        Assert.Equal(60, (await storage.Stored(Assert.Single(await storage.Blobs(hour)).Name)).Count);
        Assert.Equal(InOrder(message), (await ReadAll(history, hour, hour.AddHours(1))).Select(decision => decision.EventId));

        Assert.Equal(1, await history.Compact(hour.AddHours(1), hoursMax: 1));

        var compacted = Assert.Single(await storage.Blobs(hour));
        Assert.Equal(DecisionBlobNames.CompactedOf(DecisionBlobNames.Log(storage.ServiceId, hour, "events-1", 0)), compacted.Name);
        Assert.Equal(InOrder(message), (await storage.Stored(compacted.Name)).Select(decision => decision.EventId));
        Assert.Equal(InOrder(message), (await ReadAll(history, hour, hour.AddHours(1))).Select(decision => decision.EventId));
    }

    [Fact]
    public async Task Azurite_refuses_an_append_at_a_position_that_is_not_the_blobs_length()
    {
        var storage = DecisionHistoryStorage.Create(fixture.Cluster);
        await storage.Container.CreateIfNotExistsAsync();
        var blob = storage.Container.GetAppendBlobClient(storage.ServiceId + "/check.log");
        await blob.CreateAsync(new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } });
        await blob.AppendBlockAsync(new MemoryStream([1, 2, 3]), new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = 0 } });

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            blob.AppendBlockAsync(new MemoryStream([4]), new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = 0 } }));
        var again = await Assert.ThrowsAsync<RequestFailedException>(() =>
            blob.CreateAsync(new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } }));
        await blob.AppendBlockAsync(new MemoryStream([4]), new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = 3 } });

        Assert.Equal(412, stale.Status);
        Assert.Equal(BlobErrorCode.AppendPositionConditionNotMet.ToString(), stale.ErrorCode);
        Assert.Equal(409, again.Status);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(4, properties.ContentLength);
        Assert.Equal(2, properties.BlobCommittedBlockCount);
    }
}
