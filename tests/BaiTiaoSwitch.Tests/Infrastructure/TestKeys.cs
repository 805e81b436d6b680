using System.Security.Cryptography;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>Fresh random keys per test run: tests never depend on a committed key.</summary>
public static class TestKeys
{
    public static readonly string EncryptionKey1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public static readonly string EncryptionKey2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public static readonly string LookupKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static void Apply(DataProtectionOptions options)
    {
        options.ActiveKeyId = "test-1";
        options.EncryptionKeys["test-1"] = EncryptionKey1;
        options.LookupKey = LookupKey;
    }
}
