using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>
/// A line's load reads its journal (a range query of the shared commit log, which an emulated table answers by scanning
/// every row) only when its head is past its snapshot: a line that went idle after a snapshot reads the head and the
/// snapshot, nothing more, and a new line (no head) reads its head alone. A line with entries after its snapshot still
/// replays them all.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LineLoadTests(ClusterFixture fixture)
{
    private readonly SwitchOptions options = new();

    [Fact]
    public async Task A_new_line_loads_without_reading_its_journal_or_its_snapshot()
    {
        var accountId = NewAccountId();

        var (book, replayed) = await Load(accountId);

        Assert.Equal((0L, 0), (book.Version, replayed));
        Assert.Equal(0, JournalReads(accountId));
        Assert.Equal(0, SnapshotReads(accountId));
    }

    [Fact]
    public async Task A_line_whose_snapshot_is_as_new_as_its_head_loads_without_reading_its_journal()
    {
        var accountId = NewAccountId();
        var store = StoreOf(accountId);
        var book = new AccountBook(accountId, options);
        await store.Write(JournalBoundTests.Image(book, 1, 2), null);
        await store.Write(JournalBoundTests.Image(book, 2, 2), JournalBoundTests.Image(book, 2, 0));
        await store.Settled();
        Assert.Equal(2, store.SnapshotVersion);

        var (loaded, replayed) = await Load(accountId);

        Assert.Equal((2L, 0), (loaded.Version, replayed));
        Assert.Equal(0, JournalReads(accountId));
        Assert.Equal(1, SnapshotReads(accountId));
    }

    [Fact]
    public async Task A_line_with_entries_after_its_snapshot_replays_them_with_one_range_query()
    {
        var accountId = NewAccountId();
        var store = StoreOf(accountId);
        var book = new AccountBook(accountId, options);
        await store.Write(JournalBoundTests.Image(book, 1, 2), JournalBoundTests.Image(book, 1, 0));
        await store.Settled();
        await store.Write(JournalBoundTests.Image(book, 2, 2), null);
        await store.Write(JournalBoundTests.Image(book, 3, 2), null);

        var (loaded, replayed) = await Load(accountId);

        Assert.Equal((3L, 2), (loaded.Version, replayed));
        Assert.Equal(1, JournalReads(accountId));
    }

    private AccountStore StoreOf(string accountId) => new AccountStore(accountId, SiloSide.Services(fixture.Cluster), options, NullLogger.Instance);

    private static string NewAccountId() => "load-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(AccountBook Book, int Replayed)> Load(string accountId)
    {
        var store = StoreOf(accountId);
        var book = new AccountBook(accountId, options);
        var replayed = await store.Load(book, CancellationToken.None);
        return (book, replayed);
    }

    private int JournalReads(string accountId) =>
        StorageFaults.For(fixture.Cluster.Options.ServiceId).RangeReads(StorageNames.Journal, target => target == accountId);

    private int SnapshotReads(string accountId) =>
        StorageFaults.For(fixture.Cluster.Options.ServiceId).PointReads(StorageNames.Snapshots, target => target == AccountStore.SnapshotIdOf(accountId).ToString());
}
