using System.Security.Cryptography;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>Fresh random keys per test run: tests never depend on a committed key.</summary>
public static class TestKeys
{
    public static readonly string EncryptionKey1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public static readonly string EncryptionKey2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public static readonly string LookupKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The channels the test silos accept, each with a fresh cluster key.</summary>
    public static readonly CallerCredential Issuer = NewCaller("issuer", ChannelRole.Issuer);
    public static readonly CallerCredential Alipay = NewCaller("alipay", ChannelRole.Wallet);
    public static readonly CallerCredential Wechat = NewCaller("wechatpay", ChannelRole.Wallet);

    public static void Apply(DataProtectionOptions options)
    {
        options.ActiveKeyId = "test-1";
        options.EncryptionKeys["test-1"] = EncryptionKey1;
        options.LookupKey = LookupKey;
    }

    public static void Apply(CallerOptions options) => options.Callers.AddRange([Issuer, Alipay, Wechat]);

    public static CallerCredential Wallet(string channel) => channel switch
    {
        "alipay" => Alipay,
        "wechatpay" => Wechat,
        _ => throw new ArgumentException($"No test wallet '{channel}'.", nameof(channel)),
    };

    /// <summary>A credential the silos do not know: a fresh random key for <paramref name="channel"/>.</summary>
    public static CallerCredential NewCaller(string channel, ChannelRole role) => new(channel, role, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
}
