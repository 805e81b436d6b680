using Azure.Storage.Blobs;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Xunit;

namespace BaiTiaoSwitch.Tests.RequestKeys;

/// <summary>A shard whose segment another writer appended to (a split brain) stores nothing more, fails its callers, and leaves.</summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyShardFenceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_shard_fenced_by_another_writer_fails_the_claim_it_could_not_store_and_its_next_activation_sees_the_other_writers_claim()
    {
        var services = SiloSide.Services(fixture.Cluster);
        var storage = services.GetRequiredService<IOptions<SwitchStorageOptions>>().Value;
        var shardKey = RequestKeyShardGrain.KeyOf("fence-" + Guid.NewGuid().ToString("N")[..8], 0);
        var shard = SiloSide.Grains(fixture.Cluster).GetGrain<IRequestKeyShardGrain>(shardKey);
        Assert.Equal(KeyClaimOutcome.Claimed, (await shard.Claim("first", "account/a", "f")).Outcome);

        // Another writer (a duplicate activation) appends a claim of "taken" for another owner to the same open segment.
        var container = new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(RequestKeyShardGrain.ContainerName(storage));
        var other = new KeySegments(container, $"{services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId}/{shardKey}/", new RequestKeyOptions());
        await other.Load(new HeldKeys(), 0);
        using (var block = new MemoryStream())
        {
            var now = SwitchSiloConfigurator.Clock.GetUtcNow().ToUnixTimeSeconds();
            KeyLogRecord.WriteClaimed(block, KeyDigest.Of("taken"), KeyDigest.OwnerOf("account/b"), KeyDigest.Of("g"), now);
            await other.Append(block.ToArray(), now, now);
        }

        // The first activation does not know "taken": its append is refused, so its caller gets no answer it could trust.
        await Assert.ThrowsAnyAsync<Exception>(() => shard.Claim("taken", "account/a", "f"));

        await Activations.DeactivateAll(fixture.Cluster);
        Assert.Equal(KeyClaimOutcome.UsedElsewhere, (await shard.Claim("taken", "account/a", "f")).Outcome);
        Assert.Equal(KeyClaimOutcome.AlreadyYours, (await shard.Claim("first", "account/a", "f")).Outcome);
    }
}
