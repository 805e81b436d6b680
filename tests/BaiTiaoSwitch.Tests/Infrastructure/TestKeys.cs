using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Testing;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>
/// The keys of this test run, made by the testing kit (<see cref="TestCredentials"/>: fresh random keys, nothing
/// committed), shared by every cluster of the run so that any test may call any of them.
/// </summary>
public static class TestKeys
{
    public static readonly TestCredentials Credentials = new(["alipay", "wechatpay"]);

    public static string EncryptionKey1 => Credentials.EncryptionKey;

    public static string LookupKey => Credentials.LookupKey;

    /// <summary>The channels the test silos accept, each with a fresh cluster key.</summary>
    public static CallerCredential Issuer => Credentials.Issuer;

    public static CallerCredential Alipay => Credentials.Wallet("alipay");

    public static CallerCredential Wechat => Credentials.Wallet("wechatpay");

    public static void Apply(DataProtectionOptions options) => Credentials.Apply(options);

    public static void Apply(CallerOptions options) => Credentials.Apply(options);

    public static CallerCredential Wallet(string channel) => Credentials.Wallet(channel);

    /// <summary>A credential the silos do not know: a fresh random key for <paramref name="channel"/>.</summary>
    public static CallerCredential NewCaller(string channel, ChannelRole role) => TestCredentials.NewCaller(channel, role);
}
