using Azure;
using Azure.Storage.Blobs;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace BaiTiaoSwitch.Tests.RequestKeys;

/// <summary>A shard's key log on Azurite: conditional appends fence a second writer; rolling and compaction keep every record.</summary>
[Collection(ClusterCollection.Name)]
public sealed class KeySegmentsTests(ClusterFixture fixture)
{
    private static readonly RequestKeyOptions Options = new() { SegmentBlocksMax = 4, BlockBytesMax = 4 * 1024, SegmentBytesMax = 64 * 1024 };

    [Fact]
    public async Task A_second_writer_that_loaded_before_the_first_appended_cannot_append_and_sees_the_first_writers_claim_once_it_reloads()
    {
        var (container, prefix) = await Fresh();
        var first = new KeySegments(container, prefix, Options);
        var second = new KeySegments(container, prefix, Options);
        await first.Load(new HeldKeys(), 0);
        await first.Append(Claim("k1", "account/a"), 100, 100);
        await second.Load(new HeldKeys(), 0);

        // The first writer goes on (a duplicate activation of the shard now exists); the second one's view is stale.
        await first.Append(Claim("k2", "account/a"), 101, 101);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => second.Append(Claim("k2", "account/b"), 102, 102));
        Assert.Equal(412, refused.Status);

        var reloaded = new HeldKeys();
        await second.Load(reloaded, 0);
        Assert.True(reloaded.TryFind(KeyDigest.Of("k2"), out var held));
        Assert.Equal(KeyDigest.OwnerOf("account/a"), held.Owner);
        Assert.Equal(2, reloaded.Count);
    }

    [Fact]
    public async Task Segments_roll_and_compact_and_a_reload_finds_every_claim_and_answer_once()
    {
        var (container, prefix) = await Fresh();
        var log = new KeySegments(container, prefix, Options);
        await log.Load(new HeldKeys(), 0);
        var answers = new List<(string Key, AnswerLocation Location, byte[] Bytes)>();
        for (var i = 0; i < 20; i++)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes($"answer-{i}");
            using var block = new MemoryStream();
            KeyLogRecord.WriteClaimed(block, KeyDigest.Of($"k{i}"), KeyDigest.OwnerOf("account/a"), KeyDigest.Of("f"), 1_000 + i);
            var start = (int)block.Length;
            var header = KeyLogRecord.WriteAnswered(block, KeyDigest.Of($"k{i}"), KeyDigest.OwnerOf("account/a"), 1_000 + i, claims: false, bytes);
            var (segment, offset) = await log.Append(block.ToArray(), 1_000 + i, 1_000 + i);
            answers.Add(($"k{i}", new AnswerLocation(segment, offset + start + header, bytes.Length), bytes));
        }

        // Four blocks a segment: the first segments rolled; compact every closed one.
        Assert.NotEmpty(log.Uncompacted);
        foreach (var number in log.Uncompacted.ToList())
        {
            await log.Compact(number);
        }

        Assert.Empty(log.Uncompacted);
        var reloaded = new HeldKeys();
        var again = new KeySegments(container, prefix, Options);
        await again.Load(reloaded, 0);
        Assert.Equal(20, reloaded.Count);
        foreach (var (key, location, bytes) in answers)
        {
            Assert.True(reloaded.TryFind(KeyDigest.Of(key), out var held));
            Assert.Equal(location, held.Answer);
            Assert.Equal(bytes, await again.Read(held.Answer!.Value));
        }

        // Past retention: whole closed segments go, and a reload holds only what is left.
        Assert.True(await again.DeleteBefore(1_016) >= 3);
        var after = new HeldKeys();
        await new KeySegments(container, prefix, Options).Load(after, 1_016);
        Assert.Equal(4, after.Count);
    }

    [Fact]
    public void A_torn_record_is_refused_as_corruption_not_read_as_data()
    {
        using var block = new MemoryStream();
        KeyLogRecord.WriteClaimed(block, KeyDigest.Of("k"), 1, KeyDigest.Of("f"), 5);
        var torn = block.ToArray()[..^3];
        Assert.Throws<InvalidDataException>(() => KeyLogRecord.ReadAll(torn).ToList());
    }

    private static byte[] Claim(string key, string owner)
    {
        using var block = new MemoryStream();
        KeyLogRecord.WriteClaimed(block, KeyDigest.Of(key), KeyDigest.OwnerOf(owner), KeyDigest.Of("f"), 100);
        return block.ToArray();
    }

    private async Task<(BlobContainerClient Container, string Prefix)> Fresh()
    {
        var storage = SiloSide.Services(fixture.Cluster).GetRequiredService<IOptions<SwitchStorageOptions>>().Value;
        var container = new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(RequestKeyShardGrain.ContainerName(storage));
        await container.CreateIfNotExistsAsync();
        return (container, $"test-{Guid.NewGuid():N}/alipay/00/");
    }
}
