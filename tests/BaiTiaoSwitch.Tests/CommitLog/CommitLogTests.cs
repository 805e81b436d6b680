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

        await Task.WhenAll(lines.Select(line => Task.Run(() => log.Append(line, new AccountImage { Version = 1, Requests = 1 }))));
        var transactions = faults.Writes(StorageNames.Journal) - before;
        await Task.WhenAll(lines.Select(line => log.Append(line, new AccountImage { Version = 2, Requests = 2 })));

        Assert.True(transactions <= lines.Count / 2, $"{lines.Count} lines' entries took {transactions} transactions");
        foreach (var line in lines)
        {
            var read = new List<AccountImage>();
            await log.Replay(line, 1, read.Add, CancellationToken.None);
            Assert.Equal([1L, 2L], read.Select(entry => entry.Version));
        }
    }

    [Fact]
    public async Task A_second_writer_of_a_version_fails_alone_while_the_lines_in_its_transaction_are_stored()
    {
        var log = SiloSide.Services(fixture.Cluster).GetRequiredService<SharedCommitLog>();
        var taken = "taken-" + Guid.NewGuid().ToString("N");
        await log.Append(taken, new AccountImage { Version = 1 });
        var others = Enumerable.Range(0, 200).Select(i => $"other-{i}-{Guid.NewGuid():N}").Where(id => log.PartitionOf(id) == log.PartitionOf(taken)).Take(5).ToList();

        var appends = others.Select(line => log.Append(line, new AccountImage { Version = 1 })).Append(log.Append(taken, new AccountImage { Version = 1 })).ToList();

        await Assert.ThrowsAsync<JournalRowExistsException>(() => appends[^1]);
        await Task.WhenAll(appends.Take(others.Count));
    }
}
