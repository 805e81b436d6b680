using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk.Backtests;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Xunit;

namespace BaiTiaoSwitch.Tests.Risk.Backtests;

/// <summary>The decision history on Azurite: one write-once blob per message and hour, idempotent by event id, read by hour prefix in original order.</summary>
[Collection(RiskClusterCollection.Name)]
public sealed class DecisionHistoryTests(RiskClusterFixture fixture)
{
    [Fact]
    public async Task A_message_is_one_blob_per_hour_it_spans_written_once_and_a_redelivery_or_regrouping_is_read_back_once_in_original_order()
    {
        var services = SiloSide.Services(fixture.Cluster);
        var history = services.GetRequiredService<IDecisionHistory>();
        var serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        var container = new BlobServiceClient(services.GetRequiredService<IOptions<SwitchStorageOptions>>().Value.ConnectionString)
            .GetBlobContainerClient(BlobDecisionHistory.ContainerName(services.GetRequiredService<IOptions<SwitchStorageOptions>>().Value));
        var accountId = "acct-history-" + Guid.NewGuid().ToString("N")[..8];

        // Hours no other test records in: a year ahead of the switch's clock. The message's decisions run 10 seconds past
        // the hour's end, and come in reverse order (a message holds a line's entries in version order; reading sorts).
        var hour = DecisionBlobNames.Hour(SwitchSiloConfigurator.Clock.GetUtcNow().AddYears(1));
        var message = Enumerable.Range(1, 250).Select(version => Decision(accountId, version, hour.AddSeconds(3_590 + (version % 20)))).Reverse().ToList();
        await history.Record(message);
        var blobs = await Blobs(container, DecisionBlobNames.HourPrefix(serviceId, hour));
        Assert.Single(blobs);
        Assert.Single(await Blobs(container, DecisionBlobNames.HourPrefix(serviceId, hour.AddHours(1))));

        // Delivered again: the same blob, not written again. Republished in another grouping: another blob, read once.
        await history.Record(message);
        await history.Record(message[..10]);
        var again = await Blobs(container, DecisionBlobNames.HourPrefix(serviceId, hour));
        Assert.Equal(blobs[0].Properties.ETag, again.Single(blob => blob.Name == blobs[0].Name).Properties.ETag);
        Assert.Equal(2, again.Count);

        var expected = message.OrderBy(decision => decision, OriginalOrder.Instance).Select(decision => decision.EventId).ToList();
        Assert.Equal(expected, (await ReadAll(history, hour, hour.AddHours(2))).Select(decision => decision.EventId));
        Assert.Equal(message.Where(decision => decision.At >= hour.AddSeconds(3_595) && decision.At < hour.AddSeconds(3_605)).OrderBy(decision => decision, OriginalOrder.Instance)
            .Select(decision => decision.EventId), (await ReadAll(history, hour.AddSeconds(3_595), hour.AddSeconds(3_605))).Select(decision => decision.EventId));
    }

    [Fact]
    public void A_blob_name_is_the_hour_the_first_event_the_count_and_a_fingerprint_of_the_event_ids()
    {
        var hour = new DateTimeOffset(2027, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var decisions = new[] { Decision("acct-a", 7, hour.AddMinutes(1)), Decision("acct-a", 8, hour.AddMinutes(2)) };

        var name = DecisionBlobNames.Of("svc", hour, decisions);

        Assert.StartsWith("svc/2027/01/02/03/acct-a~7~0~2~", name, StringComparison.Ordinal);
        Assert.Equal(2, DecisionBlobNames.CountOf(name));
        Assert.Equal("svc/2027/01/02/03/", DecisionBlobNames.HourPrefixOf("svc", name));
        Assert.Equal(name, DecisionBlobNames.Of("svc", hour, decisions));
        Assert.NotEqual(name, DecisionBlobNames.Of("svc", hour, [decisions[0], Decision("acct-a", 9, hour.AddMinutes(2))]));
    }

    private static SwitchEvent Decision(string accountId, long version, DateTimeOffset at) =>
        new(SwitchEvent.IdOf(accountId, version, 0), accountId, at,
            new DecisionEvent($"auth-{accountId}-{version}", "grant-1", "card-1", "alipay", Money.Fen(100), Scenario.Shop, null, BaiTiaoSwitch.Payments.Decision.Approved, null, [], at), null);

    private static async Task<List<BlobItem>> Blobs(BlobContainerClient container, string prefix)
    {
        var blobs = new List<BlobItem>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }))
        {
            blobs.Add(blob);
        }

        return blobs;
    }

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
