using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>
/// A snapshot prunes the journal it covers only as far as the events are published, since a restart publishes the rest
/// from the journal. The entries whose events were still going out when it was stored (the outbox lingers to pack
/// entries into one message) are deleted once the outbox says they are published, and never an entry after the
/// snapshot (issue 7 §4: storage stays proportional to live state, also for a line that goes quiet after a snapshot).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PublishedPruningTests(ClusterFixture fixture)
{
    private readonly SwitchOptions options = new() { SnapshotJournalBytesMin = 1024, SnapshotJournalBytesMax = 64 * 1024 };

    [Fact]
    public async Task Entries_a_snapshot_covers_go_once_their_events_are_published_and_entries_after_it_stay()
    {
        var (services, accountId, store, book) = NewLine();
        for (var version = 1; version <= 3; version++)
        {
            await store.Write(Entry(book, version, publishedThrough: version - 1), null);
        }

        // The snapshot of version 4 is stored while the events of 3 and 4 are still going out.
        await store.Write(Entry(book, 4, publishedThrough: 2), Entry(book, 4, publishedThrough: 2));
        await store.Settled();
        Assert.Equal(2, store.PrunedThrough);
        Assert.Equal([3, 4], await JournalBoundTests.StoredRows(services, accountId));

        // Entries after the snapshot are what a load replays: published or not, they stay.
        await store.Write(Entry(book, 5, publishedThrough: 3), null);
        store.Published(5);
        await store.Settled();

        Assert.Equal(4, store.PrunedThrough);
        Assert.Equal([5], await JournalBoundTests.StoredRows(services, accountId));
        var reloaded = new AccountBook(accountId, options);
        await new AccountStore(accountId, services, options, NullLogger.Instance).Load(reloaded, CancellationToken.None);
        Assert.Equal(5, reloaded.Version);
    }

    [Fact]
    public async Task A_publish_that_frees_nothing_deletes_nothing()
    {
        var (services, accountId, store, book) = NewLine();
        await store.Write(Entry(book, 1, publishedThrough: 0), null);
        await store.Write(Entry(book, 2, publishedThrough: 0), null);

        // No snapshot yet: every entry is what a load replays.
        store.Published(2);
        await store.Settled();

        Assert.Equal(0, store.PrunedThrough);
        Assert.Equal([1, 2], await JournalBoundTests.StoredRows(services, accountId));
    }

    [Fact]
    public async Task A_line_that_goes_quiet_after_its_snapshot_keeps_no_journal_row_the_snapshot_covers()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 1_000_000, "alipay");
        for (var i = 0; i < 40; i++)
        {
            await scenario.Pay("alipay", 100);
        }

        await SiloSide.Grains(fixture.Cluster).GetGrain<ICreditAccountGrain>(scenario.AccountId).ExpireHolds();
        var services = SiloSide.Services(fixture.Cluster);

        // The outbox publishes the last entries within its linger, and what they free goes right after.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long snapshotVersion;
        List<long> rows;
        do
        {
            await Task.Delay(100);
            var reader = new AccountStore(scenario.AccountId, services, options, NullLogger.Instance);
            await reader.Load(new AccountBook(scenario.AccountId, options), CancellationToken.None);
            snapshotVersion = reader.SnapshotVersion;
            rows = await JournalBoundTests.StoredRows(services, scenario.AccountId);
        }
        while (rows.Any(version => version <= snapshotVersion) && DateTime.UtcNow < deadline);

        Assert.True(snapshotVersion > 0, "the line never stored a snapshot");
        Assert.All(rows, version => Assert.True(version > snapshotVersion, $"row {version} is covered by the snapshot of version {snapshotVersion}"));
    }

    private (IServiceProvider Services, string AccountId, AccountStore Store, AccountBook Book) NewLine()
    {
        var accountId = "published-" + Guid.NewGuid().ToString("N")[..8];
        return (SiloSide.Services(fixture.Cluster), accountId, new AccountStore(accountId, SiloSide.Services(fixture.Cluster), options, NullLogger.Instance), new AccountBook(accountId, options));
    }

    private static AccountImage Entry(AccountBook book, long version, long publishedThrough) => new()
    {
        Version = version,
        Header = book.Header with { EventsPublishedThrough = publishedThrough },
    };
}
