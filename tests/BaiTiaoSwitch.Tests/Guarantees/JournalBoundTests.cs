using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

/// <summary>
/// The journal rows a line keeps are bounded by <see cref="SwitchOptions.SnapshotJournalBytesMax"/>, or by a share of its
/// state when that is larger (<see cref="SwitchOptions.SnapshotRewriteRatioMax"/>), however large its state (issue 7 §4:
/// a line full of open holds must not pile up commit-log rows, nor rewrite its whole state for a little journal).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class JournalBoundTests(ClusterFixture fixture)
{
    private const long JournalMax = 8 * 1024;

    [Fact]
    public void The_snapshot_threshold_is_the_state_size_between_the_floor_and_the_ceiling_and_never_below_the_rewrite_ratio()
    {
        var options = new SwitchOptions { SnapshotJournalBytesMin = 1_000, SnapshotJournalBytesMax = 10_000, SnapshotRewriteRatioMax = 8 };

        Assert.Equal(1_000, AccountStore.SnapshotThreshold(10, options));
        Assert.Equal(5_000, AccountStore.SnapshotThreshold(5_000, options));
        Assert.Equal(10_000, AccountStore.SnapshotThreshold(80_000, options));

        // Far above the ceiling, a rewrite of the state waits for an eighth of it in journal.
        Assert.Equal(8_750_000, AccountStore.SnapshotThreshold(70_000_000, options));
        Assert.Equal(10_000, AccountStore.SnapshotThreshold(70_000_000, new SwitchOptions { SnapshotJournalBytesMin = 1_000, SnapshotJournalBytesMax = 10_000, SnapshotRewriteRatioMax = 1_000_000 }));
    }

    [Fact]
    public async Task A_line_whose_state_is_far_larger_than_the_ceiling_snapshots_and_prunes_once_its_journal_passes_the_ceiling()
    {
        var services = SiloSide.Services(fixture.Cluster);
        var options = new SwitchOptions { SnapshotJournalBytesMin = 1024, SnapshotJournalBytesMax = JournalMax, SnapshotRewriteRatioMax = 1_000 };
        var accountId = "bound-" + Guid.NewGuid().ToString("N")[..8];
        var store = new AccountStore(accountId, services, options, NullLogger.Instance);
        var book = new AccountBook(accountId, options);

        // Version 1 with a snapshot of a large state (about 120 KiB, fifteen times the ceiling).
        await store.Write(Image(book, 1, 20), Image(book, 1, 3_000));
        await store.Settled();
        Assert.Equal(1, store.SnapshotVersion);

        // Small entries (about 700 B each) until the line asks for its next snapshot.
        var version = 1L;
        while (!store.WantsSnapshot(version) && version < 200)
        {
            version++;
            await store.Write(Image(book, version, 20), null);
        }

        // The ceiling is reached after about 12 entries; the state's size alone would need about 150.
        Assert.True(version <= 30, $"the line asked for a snapshot only at version {version} (ceiling {JournalMax} B)");

        version++;
        await store.Write(Image(book, version, 20), Image(book, version, 3_000));
        await store.Settled();

        Assert.Equal(version, store.SnapshotVersion);
        Assert.Equal(version, store.PrunedThrough);
        Assert.Empty(await StoredRows(services, accountId));
        var reloaded = new AccountBook(accountId, options);
        await new AccountStore(accountId, services, options, NullLogger.Instance).Load(reloaded, CancellationToken.None);
        Assert.Equal(version, reloaded.Version);
    }

    /// <summary>
    /// A journal entry or snapshot whose events are published, made large by removals of ids the line never had
    /// (about 34 B each).
    /// </summary>
    internal static AccountImage Image(AccountBook book, long version, int padding) => new()
    {
        Version = version,
        Header = book.Header with { EventsPublishedThrough = version },
        RemovedAuthorizations = Enumerable.Range(0, padding).Select(_ => Guid.NewGuid().ToString("N")).ToList(),
    };

    internal static async Task<List<long>> StoredRows(IServiceProvider services, string accountId)
    {
        var partition = services.GetRequiredService<SharedCommitLog>().PartitionOf(accountId);
        var present = new List<long>();
        await foreach (var row in services.GetRequiredService<IJournalTable>().Read(partition, accountId, 1))
        {
            present.Add(row.Version);
        }

        return present;
    }
}
