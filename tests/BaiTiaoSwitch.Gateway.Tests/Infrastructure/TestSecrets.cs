using System.Security.Cryptography;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>Fresh random keys and channel secrets per test run: tests never depend on a committed secret.</summary>
public static class TestSecrets
{
    public static readonly string EncryptionKey1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public static readonly string LookupKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static readonly IReadOnlyDictionary<string, (ChannelRole Role, string Secret)> Channels = new Dictionary<string, (ChannelRole, string)>
    {
        ["alipay"] = (ChannelRole.Wallet, "test-alipay-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24))),
        ["wechatpay"] = (ChannelRole.Wallet, "test-wechatpay-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24))),
        ["issuer"] = (ChannelRole.Issuer, "test-issuer-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24))),
    };

    /// <summary>Each channel's cluster key: the silos know the channel by it, and the gateway proves the channel with it.</summary>
    public static readonly IReadOnlyDictionary<string, string> ClusterKeys = Channels.Keys.ToDictionary(
        id => id, _ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), StringComparer.Ordinal);

    /// <summary>The operators' credential of the gateways under test (their /console and /metrics).</summary>
    public static readonly string OperatorCredential = SensitiveValues.Remember("test-operator-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), "operator credential");

    public static CallerCredential Credential(string channel) => new(channel, Channels[channel].Role, ClusterKeys[channel]);

    public static void Apply(DataProtectionOptions options)
    {
        options.ActiveKeyId = "gw-test-1";
        options.EncryptionKeys["gw-test-1"] = EncryptionKey1;
        options.LookupKey = LookupKey;
    }

    public static void Apply(CallerOptions options) => options.Callers.AddRange(Channels.Keys.Select(Credential));
}
