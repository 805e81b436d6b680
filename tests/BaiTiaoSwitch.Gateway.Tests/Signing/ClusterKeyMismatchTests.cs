using System.Security.Cryptography;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Signing;

/// <summary>A gateway whose cluster key for a channel is not the silos' cannot act for that channel, and says so in its log, not to the caller.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ClusterKeyMismatchTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_gateway_with_a_wrong_cluster_key_is_refused_by_the_cluster_and_answers_500_not_401()
    {
        var keys = TestSecrets.ClusterKeys.ToDictionary(pair => pair.Key, pair => pair.Value);
        keys["alipay"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var misconfigured = new GatewayFactory(fixture.Cluster.Options.ServiceId, fixture.Cluster.Options.ClusterId, "Sandbox", keys);
        using var http = misconfigured.CreateClient();

        var refused = await GatewayFixture.Client(http, "alipay").Get("/v1/grants/gr_doesnotexist0000000");
        var other = await GatewayFixture.Client(http, "wechatpay").Get("/v1/grants/gr_doesnotexist0000000");

        Assert.Equal(500, refused.Status);
        Assert.Equal("internal_error", refused.Code);
        Assert.Equal(404, other.Status);
        Assert.Contains(CapturedLogs.Instance.Lines, line => line.Contains("refused this gateway's proof", StringComparison.Ordinal));
    }
}
