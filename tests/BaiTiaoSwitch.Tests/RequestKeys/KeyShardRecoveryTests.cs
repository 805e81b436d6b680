using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.RequestKeys;

/// <summary>A shard grain that leaves memory comes back from its segments with every key and answer it acknowledged.</summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyShardRecoveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task After_the_shard_is_deactivated_its_keys_keep_their_owners_and_answers()
    {
        var shard = SiloSide.Grains(fixture.Cluster).GetGrain<IRequestKeyShardGrain>(RequestKeyShardGrain.KeyOf("recovery-" + Guid.NewGuid().ToString("N")[..8], 0));
        // Answers are dated by the switch's clock, which other tests move: the shard keeps only what is within retention.
        var now = SwitchSiloConfigurator.Clock.GetUtcNow();
        var keys = Enumerable.Range(0, 300).Select(i => $"key-{i}").ToArray();
        var claims = await Task.WhenAll(keys.Select(key => shard.Claim(key, "account/a", "f-" + key)));
        Assert.All(claims, claim => Assert.Equal(KeyClaimOutcome.Claimed, claim.Outcome));
        await shard.StoreAnswers([.. keys.Take(10).Select(key => new KeyAnswer("ignored", key, "account/a", now, [1, 2, 3]))]);
        await shard.StoreAnswers([new KeyAnswer("ignored", "tombstone", "account/a", now, [9], Claimed: false)]);

        await Activations.DeactivateAll(fixture.Cluster);

        Assert.Equal(KeyClaimOutcome.UsedElsewhere, (await shard.Claim("key-7", "account/b", "f")).Outcome);
        Assert.Equal(new KeyClaim(KeyClaimOutcome.AlreadyYours, "f-key-7"), await shard.Claim("key-7", "account/a", "f-key-7"));
        Assert.NotEqual("other", (await shard.Claim("key-8", "account/a", "other")).Fingerprint);
        Assert.Equal([1, 2, 3], await shard.FindAnswer("key-3", "account/a"));
        Assert.Null(await shard.FindAnswer("key-3", "account/b"));
        Assert.Null(await shard.FindAnswer("key-20", "account/a"));
        Assert.Equal([9], await shard.FindAnswer("tombstone", "account/a"));
        Assert.Equal(KeyClaimOutcome.UsedElsewhere, (await shard.Claim("tombstone", "account/b", "f")).Outcome);
    }
}
