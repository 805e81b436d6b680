using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.HttpEdge;
using BaiTiaoSwitch.HttpEdge.Nonces;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Units;

[Collection(GatewayCollection.Name)]
public sealed class NonceMemoryTests(GatewayFixture fixture)
{
    private HttpEdgeClient Nonces => new(new BaiTiaoSwitchClient(fixture.Cluster.Client, TestSecrets.Credential("alipay")));

    private static long Now() => TestClock.Instance.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task A_nonce_is_refused_for_at_least_ten_minutes_then_forgotten()
    {
        var nonce = SignedClient.NewNonce();
        Assert.True(await Nonces.TryUseNonceAsync(nonce, Now()));
        Assert.False(await Nonces.TryUseNonceAsync(nonce, Now()));
        TestClock.Instance.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59));
        Assert.False(await Nonces.TryUseNonceAsync(nonce, Now()));
        TestClock.Instance.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(2));
        Assert.True(await Nonces.TryUseNonceAsync(nonce, Now()));
    }

    [Fact]
    public void The_nonce_memory_is_derived_from_the_timestamp_window_and_covers_all_of_it()
    {
        // A request is fresh from skew before its first use (signed ahead) until skew after its timestamp.
        Assert.Equal(TimeSpan.FromSeconds(300), ReplayWindow.TimestampSkew);
        Assert.Equal(2 * ReplayWindow.TimestampSkew, ReplayWindow.NonceMemory);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        Assert.True(ReplayWindow.IsFresh(now, now.ToUnixTimeSeconds() + 300));
        Assert.True(ReplayWindow.IsFresh(now + ReplayWindow.NonceMemory, now.ToUnixTimeSeconds() + 300));
        Assert.False(ReplayWindow.IsFresh(now + ReplayWindow.NonceMemory + TimeSpan.FromSeconds(1), now.ToUnixTimeSeconds() + 300));
        Assert.False(ReplayWindow.IsFresh(now, now.ToUnixTimeSeconds() - 301));
    }

    [Fact]
    public async Task A_request_signed_ahead_of_the_clock_is_refused_again_until_its_timestamp_is_stale()
    {
        var nonce = SignedClient.NewNonce();
        var ahead = Now() + 300;
        Assert.True(await Nonces.TryUseNonceAsync(nonce, ahead));
        TestClock.Instance.Advance(ReplayWindow.NonceMemory);
        Assert.False(await Nonces.TryUseNonceAsync(nonce, ahead));
        TestClock.Instance.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await Nonces.TryUseNonceAsync(SignedClient.NewNonce(), ahead));
    }

    [Fact]
    public async Task A_restarted_nonce_shard_refuses_a_captured_request_signed_before_it_started()
    {
        var nonce = SignedClient.NewNonce();
        var captured = Now();
        Assert.True(await Nonces.TryUseNonceAsync(nonce, captured));

        // The shard's memory goes (its silo died, or it moved) while the captured request is still fresh.
        TestClock.Instance.Advance(TimeSpan.FromSeconds(30));
        await SiloSide.DeactivateAll(fixture.Cluster);

        // Not served, and not called a replay either: the caller is told to sign again (retryable).
        await Assert.ThrowsAsync<SwitchOverloadedException>(() => Nonces.TryUseNonceAsync(nonce, captured));
        Assert.True(await Nonces.TryUseNonceAsync(SignedClient.NewNonce(), Now()));
    }

    [Fact]
    public async Task A_fresh_request_signed_before_its_nonce_shard_restarted_is_told_to_sign_again_and_the_re_signed_retry_is_served()
    {
        // A request signed just before its shard's silo died often reaches the shard only after the restart, because it
        // waited behind the dead silo. It must get a retryable answer, not 401: the wallet then signs again.
        var card = await Flows.OpenCard(fixture);
        var path = $"/v1/cards/{card.CardId}";
        var nonce = SignedClient.NewNonce();
        var signedAt = Now();
        Assert.Equal(200, (await fixture.Issuer.Send(HttpMethod.Get, path, null, null, nonce: NewNonceOfTheShardOf(nonce, "issuer"))).Status);

        TestClock.Instance.Advance(TimeSpan.FromSeconds(30));
        await SiloSide.DeactivateAll(fixture.Cluster);

        var delayed = await fixture.Issuer.Send(HttpMethod.Get, path, null, null, nonce: nonce, timestamp: signedAt);
        Assert.Equal(503, delayed.Status);
        Assert.Equal("overloaded", delayed.Code);
        Assert.Equal(200, (await fixture.Issuer.Get(path)).Status);
    }

    [Fact]
    public async Task A_shard_collected_after_its_nonces_went_stale_refuses_nothing_new()
    {
        var nonce = SignedClient.NewNonce();
        Assert.True(await Nonces.TryUseNonceAsync(nonce, Now()));
        TestClock.Instance.Advance(ReplayWindow.NonceMemory + TimeSpan.FromSeconds(1));
        await SiloSide.DeactivateAll(fixture.Cluster);

        // Signed a while ago but within the window, with a new nonce of the same shard: nothing the old shard held could
        // be replayed now. (Another shard may have lost its memory to a killed silo in another test, and rightly refuse.)
        Assert.True(await Nonces.TryUseNonceAsync(NewNonceOfTheShardOf(nonce), Now() - 60));
    }

    private static string NewNonceOfTheShardOf(string nonce, string channel = "alipay")
    {
        var shard = NonceKeys.For(channel, nonce);
        while (true)
        {
            var candidate = SignedClient.NewNonce();
            if (candidate != nonce && NonceKeys.For(channel, candidate) == shard)
            {
                return candidate;
            }
        }
    }

    [Fact]
    public void Shards_are_stable_and_spread()
    {
        Assert.Equal(NonceKeys.For("alipay", "abcdef0123456789"), NonceKeys.For("alipay", "abcdef0123456789"));
        var shards = Enumerable.Range(0, 1000).Select(i => NonceKeys.For("alipay", "nonce" + i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture))).Distinct().Count();
        Assert.Equal(NonceKeys.ShardCount, shards);
    }
}
