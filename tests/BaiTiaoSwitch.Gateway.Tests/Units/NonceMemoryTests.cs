using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.HttpEdge;
using BaiTiaoSwitch.HttpEdge.Nonces;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Units;

[Collection(GatewayCollection.Name)]
public sealed class NonceMemoryTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_nonce_is_refused_for_at_least_ten_minutes_then_forgotten()
    {
        var nonce = SignedClient.NewNonce();
        var nonces = new HttpEdgeClient(new BaiTiaoSwitchClient(fixture.Cluster.Client, TestSecrets.Credential("alipay")));
        Assert.True(await nonces.TryUseNonceAsync(nonce));
        Assert.False(await nonces.TryUseNonceAsync(nonce));
        TestClock.Instance.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59));
        Assert.False(await nonces.TryUseNonceAsync(nonce));
        TestClock.Instance.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(2));
        Assert.True(await nonces.TryUseNonceAsync(nonce));
    }

    [Fact]
    public void Shards_are_stable_and_spread()
    {
        Assert.Equal(NonceKeys.For("alipay", "abcdef0123456789"), NonceKeys.For("alipay", "abcdef0123456789"));
        var shards = Enumerable.Range(0, 1000).Select(i => NonceKeys.For("alipay", "nonce" + i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture))).Distinct().Count();
        Assert.Equal(NonceKeys.ShardCount, shards);
    }
}
