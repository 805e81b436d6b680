using System.Security.Cryptography;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>The channels of a benchmark run, with fresh random cluster keys: the in-process silos and the SDK share them.</summary>
public static class BenchCallers
{
    public static readonly CallerCredential Issuer = New("issuer", ChannelRole.Issuer);

    public static readonly IReadOnlyDictionary<string, CallerCredential> Wallets = new Dictionary<string, CallerCredential>(StringComparer.Ordinal)
    {
        ["alipay"] = New("alipay", ChannelRole.Wallet),
        ["wechatpay"] = New("wechatpay", ChannelRole.Wallet),
    };

    public static IEnumerable<CallerCredential> All => Wallets.Values.Append(Issuer);

    private static CallerCredential New(string channel, ChannelRole role) => new(channel, role, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
}
