using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Tests.Infrastructure;
using Orleans.Runtime;
using Xunit;

namespace BaiTiaoSwitch.Tests.Events;

/// <summary>The replay buffers behind GET /v1/events: each event once, in order, resumable, bounded.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EventFeedTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_follower_gets_each_event_once_in_order_and_one_that_resumes_gets_only_the_newest_the_buffer_keeps_after_its_position()
    {
        var issuer = new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);
        var accountId = "acct-" + Guid.NewGuid().ToString("N")[..16];
        var stream = fixture.Cluster.Client.GetStreamProvider(SwitchStreams.Provider).GetStream<SwitchEvent>(StreamId.Create(SwitchStreams.Namespace, SwitchStreams.StreamKeyOf(accountId)));
        var at = SwitchSiloConfigurator.Clock.GetUtcNow();
        SwitchEvent Raised(int number) => new(SwitchEvent.IdOf(accountId, number, 0), accountId, at, null,
            new Alert($"al_{accountId}_{number}", Alert.OverLimit, "medium", null, accountId, null, null, null, null, AlertActionTaken.None, null, at));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var start = await issuer.EventsPositionAsync(timeout.Token);

        // A duplicate delivery (a republish) among 7 events; the test silos' buffers keep 5 per stream.
        await stream.OnNextAsync(Raised(1));
        await stream.OnNextAsync(Raised(1));
        for (var number = 2; number <= 7; number++)
        {
            await stream.OnNextAsync(Raised(number));
        }

        var live = await Take(issuer.FollowEventsAsync(start, timeout.Token), accountId, until: $"{accountId}~7~0");
        var resumed = await Take(issuer.FollowEventsAsync(start, timeout.Token), accountId, until: $"{accountId}~7~0");
        var afterFifth = await Take(issuer.FollowEventsAsync(resumed.Single(item => item.Event.EventId == $"{accountId}~5~0").Position, timeout.Token), accountId, until: $"{accountId}~7~0");

        // The live follower read as events came (it may have missed none, or the oldest if the buffer moved on first).
        Assert.Equal(live.Select(item => item.Event.EventId).Distinct().Count(), live.Count);
        Assert.Equal(Enumerable.Range(3, 5).Select(number => $"{accountId}~{number}~0"), resumed.Select(item => item.Event.EventId));
        Assert.Equal([$"{accountId}~6~0", $"{accountId}~7~0"], afterFifth.Select(item => item.Event.EventId));
    }

    private static async Task<List<FollowedEvent>> Take(IAsyncEnumerable<FollowedEvent> events, string accountId, string until)
    {
        var taken = new List<FollowedEvent>();
        await foreach (var item in events)
        {
            if (item.Event.AccountId == accountId)
            {
                taken.Add(item);
                if (item.Event.EventId == until)
                {
                    return taken;
                }
            }
        }

        return taken;
    }
}
