using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Tests.CommitLog;

/// <summary>The commit log on Azurite: many lines share a transaction, and each line reads back its own entries in order.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CommitLogTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Entries_of_many_lines_appended_at_once_share_transactions_and_each_line_reads_back_its_own()
    {
        var log = SiloSide.Services(fixture.Cluster).GetRequiredService<SharedCommitLog>();
        var shard = log.PartitionOf("line-0-" + Guid.NewGuid().ToString("N"));
        var lines = Enumerable.Range(0, 400).Select(i => $"line-{i}-{Guid.NewGuid():N}").Where(id => log.PartitionOf(id) == shard).Take(40).ToList();
        var faults = ClusterFactory.Faults(fixture.Cluster);
        var before = faults.Writes(StorageNames.Journal);

        var heads = await Task.WhenAll(lines.Select(line => Task.Run(() => log.Append(line, new AccountImage { Version = 1, Requests = 1 }, headETag: null))));
        var transactions = faults.Writes(StorageNames.Journal) - before;
        await Task.WhenAll(lines.Select((line, i) => log.Append(line, new AccountImage { Version = 2, Requests = 2 }, heads[i].HeadETag)));

        Assert.True(transactions <= lines.Count / 2, $"{lines.Count} lines' entries took {transactions} transactions");
        foreach (var line in lines)
        {
            var read = new List<AccountImage>();
            await log.Replay(line, 1, read.Add, CancellationToken.None);
            Assert.Equal([1L, 2L], read.Select(entry => entry.Version));
        }
    }

    [Fact]
    public async Task A_stale_writer_is_fenced_alone_even_after_the_versions_it_would_write_were_deleted()
    {
        var log = SiloSide.Services(fixture.Cluster).GetRequiredService<SharedCommitLog>();
        var line = "fenced-" + Guid.NewGuid().ToString("N");
        var (staleHead, _) = await log.Append(line, new AccountImage { Version = 1 }, headETag: null);
        var (head, _) = await log.Append(line, new AccountImage { Version = 2 }, staleHead);
        await log.Append(line, new AccountImage { Version = 3 }, head);
        await log.Delete(line, 1, 3);
        var others = Enumerable.Range(0, 200).Select(i => $"other-{i}-{Guid.NewGuid():N}").Where(id => log.PartitionOf(id) == log.PartitionOf(line)).Take(5).ToList();

        // A second activation that read the line at version 1 tries to write version 2, which no longer exists.
        var appends = others.Select(other => log.Append(other, new AccountImage { Version = 1 }, headETag: null)).Append(log.Append(line, new AccountImage { Version = 2 }, staleHead)).ToList();

        await Assert.ThrowsAsync<JournalFencedException>(() => appends[^1]);
        await Task.WhenAll(appends.Take(others.Count));
        Assert.Equal(3, (await log.ReadHead(line, CancellationToken.None))!.Version);
    }
}
