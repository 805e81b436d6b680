using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using BaiTiaoSwitch.Http;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Units;

[Collection(GatewayCollection.Name)]
public sealed class NonceMemoryTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_nonce_is_refused_for_at_least_ten_minutes_then_forgotten()
    {
        var nonce = SignedClient.NewNonce();
        var shard = fixture.Cluster.Client.GetGrain<INonceGrain>(NonceKeys.For("unit-test", nonce));
        Assert.True(await shard.TryUse(nonce));
        Assert.False(await shard.TryUse(nonce));
        TestClock.Instance.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59));
        Assert.False(await shard.TryUse(nonce));
        TestClock.Instance.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(2));
        Assert.True(await shard.TryUse(nonce));
    }

    [Fact]
    public void Shards_are_stable_and_spread()
    {
        Assert.Equal(NonceKeys.For("alipay", "abcdef0123456789"), NonceKeys.For("alipay", "abcdef0123456789"));
        var shards = Enumerable.Range(0, 1000).Select(i => NonceKeys.For("alipay", "nonce" + i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture))).Distinct().Count();
        Assert.Equal(NonceKeys.ShardCount, shards);
    }
}
