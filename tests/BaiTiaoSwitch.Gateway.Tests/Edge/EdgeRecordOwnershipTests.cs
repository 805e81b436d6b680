using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using BaiTiaoSwitch.HttpEdge;
using BaiTiaoSwitch.HttpEdge.Idempotency;
using BaiTiaoSwitch.HttpEdge.Nonces;
using BaiTiaoSwitch.HttpEdge.Sandbox;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Edge;

/// <summary>The HTTP edge's records in the cluster: a record of channel X is reachable by channel X only.</summary>
[Collection(GatewayCollection.Name)]
public sealed class EdgeRecordOwnershipTests(GatewayFixture fixture)
{
    private BaiTiaoSwitchClient As(string channel) => new(fixture.Cluster.Client, TestSecrets.Credential(channel));

    private static long Now() => TestClock.Instance.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task Another_channel_cannot_spend_a_nonce_or_touch_a_recorded_answer_of_this_one()
    {
        var nonce = SignedClient.NewNonce();
        var key = SignedClient.NewKey();

        foreach (var other in new[] { As("wechatpay"), As("issuer") })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => other.InvokeAsync(grains => grains.GetGrain<INonceGrain>(NonceKeys.For("alipay", nonce)).TryUse(nonce, Now())));
            await Assert.ThrowsAsync<NotFoundException>(() => other.InvokeAsync(grains => grains.GetGrain<IHttpIdempotencyGrain>(HttpIdempotencyKeys.For("alipay", key)).Begin("fingerprint")));
        }

        await Assert.ThrowsAsync<UnauthenticatedException>(() => new BaiTiaoSwitchClient(fixture.Cluster.Client, credential: null)
            .InvokeAsync(grains => grains.GetGrain<INonceGrain>(NonceKeys.For("alipay", nonce)).TryUse(nonce, Now())));

        // Untouched by the others: the nonce is still alipay's to spend, and the key still alipay's to claim.
        var alipay = new HttpEdgeClient(As("alipay"));
        Assert.True(await alipay.TryUseNonceAsync(nonce, Now()));
        Assert.Equal(IdempotencyClaimKind.Claimed, (await alipay.BeginRecordAsync(key, "fingerprint")).Kind);
        await alipay.AbandonRecordAsync(key, "fingerprint");
    }

    [Fact]
    public async Task Only_the_issuer_reads_the_sandbox_outbox_and_no_client_writes_to_it()
    {
        var wallet = As("alipay");
        var issuer = As("issuer");

        await Assert.ThrowsAsync<ForbiddenException>(() => new HttpEdgeClient(wallet).SandboxLastOtpAsync("13900000000"));
        await Assert.ThrowsAsync<ForbiddenException>(() => issuer.InvokeAsync(async grains =>
        {
            await grains.GetGrain<ISandboxOtpOutboxGrain>("any-phone-hash").Deliver("123456");
            return 0;
        }));
        Assert.Null(await new HttpEdgeClient(issuer).SandboxLastOtpAsync("13900000000"));
    }
}
