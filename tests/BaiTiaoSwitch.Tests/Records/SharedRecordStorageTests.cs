using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Records;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit;

namespace BaiTiaoSwitch.Tests.Records;

/// <summary>
/// The record table on Azurite: records of many grains share transactions, a refused change fails alone, and a record
/// reads back exactly as written, in parts when it is large.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SharedRecordStorageTests(ClusterFixture fixture)
{
    private const string StateName = "test-record";

    [Fact]
    public async Task Records_of_many_grains_written_at_once_share_transactions_and_each_reads_back_its_own()
    {
        var (storage, rows) = Storage();
        var grains = SameShard(storage, 40);

        var written = await Task.WhenAll(grains.Select(grain => Task.Run(() => Write(storage, grain, "target-of-" + grain))));

        Assert.True(rows.Transactions <= grains.Count / 2, $"{grains.Count} records took {rows.Transactions} transactions");
        foreach (var (grain, state) in grains.Zip(written))
        {
            var read = await Read(storage, grain);
            Assert.Equal(("target-of-" + grain, true, state.ETag), (read.State!.TargetId, read.RecordExists, read.ETag));
        }
    }

    [Fact]
    public async Task A_stale_writer_and_a_second_create_are_refused_alone_and_the_rest_of_their_transaction_is_stored()
    {
        var (storage, _) = Storage();
        var grains = SameShard(storage, 6);
        var first = await Write(storage, grains[0], "v1");
        var stale = first.ETag;
        await Write(storage, grains[0], "v2", first.ETag);
        await Write(storage, grains[1], "taken");

        var changes = new List<Task<GrainState<IndexEntry>>>
        {
            Write(storage, grains[0], "stale", stale),
            Write(storage, grains[1], "second create"),
        };
        changes.AddRange(grains.Skip(2).Select(grain => Write(storage, grain, "new")));

        await Assert.ThrowsAsync<InconsistentStateException>(() => changes[0]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => changes[1]);
        await Task.WhenAll(changes.Skip(2));
        Assert.Equal("v2", (await Read(storage, grains[0])).State!.TargetId);
        Assert.Equal("taken", (await Read(storage, grains[1])).State!.TargetId);
        Assert.All(grains.Skip(2), grain => Assert.Equal("new", Read(storage, grain).Result.State!.TargetId));
    }

    [Fact]
    public async Task A_record_over_64_KiB_is_stored_in_parts_and_one_over_the_bound_is_refused_with_nothing_written()
    {
        var (storage, _) = Storage();
        var large = GrainOf("large");
        var tooLarge = GrainOf("too-large");
        var text = string.Concat(Enumerable.Range(0, 30_000).Select(i => i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)));

        await Write(storage, large, text);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Write(storage, tooLarge, text + text + text + text));

        Assert.Equal(text, (await Read(storage, large)).State!.TargetId);
        Assert.Contains("Nothing was written", refused.Message, StringComparison.Ordinal);
        Assert.False((await Read(storage, tooLarge)).RecordExists);
    }

    [Fact]
    public async Task Clearing_deletes_the_record_and_a_stale_clear_is_refused()
    {
        var (storage, _) = Storage();
        var grain = GrainOf("cleared");
        var first = await Write(storage, grain, "v1");
        var stale = new GrainState<IndexEntry>(first.State) { ETag = first.ETag, RecordExists = true };
        var second = await Write(storage, grain, "v2", first.ETag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));
        await storage.ClearStateAsync(StateName, grain, second);

        Assert.Equal((null, false), (second.ETag, second.RecordExists));
        Assert.False((await Read(storage, grain)).RecordExists);
        Assert.Equal("v3", (await Write(storage, grain, "v3")).State!.TargetId);
    }

    [Fact]
    public void Ids_that_differ_only_in_characters_a_table_key_refuses_stay_distinct_keys()
    {
        var keys = new[] { "a/b", "a~002Fb", "a|b", "a~007Cb", "a\\b", "a#b", "a?b", "a%b", "a\tb" }.Select(id => SharedRecordStorage.RowKeyOf("card", id)).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.DoesNotContain(key, character => character is '/' or '\\' or '#' or '?' || char.IsControl(character)));
    }

    private (SharedRecordStorage Storage, CountingRows Rows) Storage()
    {
        var services = SiloSide.Services(fixture.Cluster);
        var rows = new CountingRows(services.GetRequiredService<IRecordRows>());
        return (ActivatorUtilities.CreateInstance<SharedRecordStorage>(services, rows), rows);
    }

    private static GrainId GrainOf(string name) => GrainId.Create("testrecord", name + "-" + Guid.NewGuid().ToString("N"));

    private static List<GrainId> SameShard(SharedRecordStorage storage, int count)
    {
        var shard = storage.Locate(StateName, GrainOf("first")).Partition;
        return [.. Enumerable.Range(0, count * 20).Select(i => GrainOf("grain-" + i)).Where(grain => storage.Locate(StateName, grain).Partition == shard).Take(count)];
    }

    private static async Task<GrainState<IndexEntry>> Write(SharedRecordStorage storage, GrainId grain, string target, string? etag = null)
    {
        var state = new GrainState<IndexEntry>(new IndexEntry { TargetId = target }) { ETag = etag };
        await storage.WriteStateAsync(StateName, grain, state);
        return state;
    }

    private static async Task<GrainState<IndexEntry>> Read(SharedRecordStorage storage, GrainId grain)
    {
        var state = new GrainState<IndexEntry>(new IndexEntry());
        await storage.ReadStateAsync(StateName, grain, state);
        return state;
    }

    private sealed class CountingRows(IRecordRows inner) : IRecordRows
    {
        private int transactions;

        public int Transactions => Volatile.Read(ref transactions);

        public Task<IReadOnlyList<string?>> Submit(string partition, IReadOnlyList<RecordWrite> changes, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref transactions);
            return inner.Submit(partition, changes, cancellationToken);
        }

        public Task<StoredRecord?> Read(string partition, string rowKey, CancellationToken cancellationToken = default) => inner.Read(partition, rowKey, cancellationToken);
    }
}
