using System.Security.Cryptography;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Testing;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>
/// Fresh random keys and channel secrets per test run: tests never depend on a committed secret. The cluster's keys
/// (data protection, each channel's cluster key) are the testing kit's <see cref="TestCredentials"/>; the HTTP signing
/// secrets and the operators' credential are the gateway's own.
/// </summary>
public static class TestSecrets
{
    /// <summary>The silos' data-protection keys and the channels' cluster keys.</summary>
    public static readonly TestCredentials Cluster = new(["alipay", "wechatpay"]);

    public static readonly IReadOnlyDictionary<string, (ChannelRole Role, string Secret)> Channels = new Dictionary<string, (ChannelRole, string)>
    {
        ["alipay"] = (ChannelRole.Wallet, "test-alipay-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24))),
        ["wechatpay"] = (ChannelRole.Wallet, "test-wechatpay-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24))),
        ["issuer"] = (ChannelRole.Issuer, "test-issuer-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24))),
    };

    /// <summary>Each channel's cluster key: the silos know the channel by it, and the gateway proves the channel with it.</summary>
    public static readonly IReadOnlyDictionary<string, string> ClusterKeys = Channels.Keys.ToDictionary(id => id, id => Credential(id).Key, StringComparer.Ordinal);

    /// <summary>The operators' credential of the gateways under test (their /console and /metrics).</summary>
    public static readonly string OperatorCredential = SensitiveValues.Remember("test-operator-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), "operator credential");

    public static CallerCredential Credential(string channel) => channel == Cluster.Issuer.Channel ? Cluster.Issuer : Cluster.Wallet(channel);
}
