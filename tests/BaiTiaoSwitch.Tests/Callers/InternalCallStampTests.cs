using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Security;
using Microsoft.Extensions.Options;
using Xunit;

namespace BaiTiaoSwitch.Tests.Callers;

/// <summary>
/// A silo's stamp on its own calls: the bytes are those of the stamp's definition (HMAC of
/// "{target}|{interface}.{method}|{minute}" under the key derived from the look-up key), so silos of an earlier build
/// still accept them; a stamp moved to another target or method, altered, or of the wrong length is refused.
/// </summary>
public sealed class InternalCallStampTests
{
    private static readonly byte[] LookupKey = RandomNumberGenerator.GetBytes(32);
    private static readonly GrainId Target = GrainId.Create("creditaccount", "acct-" + new string('x', 300));
    private readonly InternalCallStamp stamps = new(Options.Create(new DataProtectionOptions { LookupKey = Convert.ToBase64String(LookupKey) }));

    [Fact]
    public void A_stamp_is_the_mac_of_its_definition_text()
    {
        var before = Minute();
        var stamp = stamps.Make(Target, "ICreditAccountGrain", "Authorize");
        var after = Minute();

        Assert.Contains(stamp, new[] { Reference(Target, "ICreditAccountGrain", "Authorize", before), Reference(Target, "ICreditAccountGrain", "Authorize", after) });
        Assert.True(stamps.IsValid(stamp, Target, "ICreditAccountGrain", "Authorize"));
        Assert.True(stamps.IsValid(Reference(Target, "ICreditAccountGrain", "Authorize", Minute() - 1), Target, "ICreditAccountGrain", "Authorize"));
    }

    [Fact]
    public void A_stamp_moved_altered_stale_or_malformed_is_refused()
    {
        var stamp = stamps.Make(Target, "ICreditAccountGrain", "Authorize");
        var altered = (stamp[0] == 'A' ? "B" : "A") + stamp[1..];

        Assert.False(stamps.IsValid(stamp, GrainId.Create("creditaccount", "acct-other"), "ICreditAccountGrain", "Authorize"));
        Assert.False(stamps.IsValid(stamp, Target, "ICreditAccountGrain", "Capture"));
        Assert.False(stamps.IsValid(altered, Target, "ICreditAccountGrain", "Authorize"));
        Assert.False(stamps.IsValid(Reference(Target, "ICreditAccountGrain", "Authorize", Minute() - 3), Target, "ICreditAccountGrain", "Authorize"));
        Assert.False(stamps.IsValid(stamp[..^1], Target, "ICreditAccountGrain", "Authorize"));
        Assert.False(stamps.IsValid(new string('!', stamp.Length), Target, "ICreditAccountGrain", "Authorize"));
        Assert.False(stamps.IsValid(null, Target, "ICreditAccountGrain", "Authorize"));
    }

    private static long Minute() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;

    private static string Reference(GrainId target, string interfaceName, string methodName, long minute)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, LookupKey, 32, salt: [], Encoding.ASCII.GetBytes("bts-cluster-internal"));
        var text = $"{target}|{interfaceName}.{methodName}|{minute.ToString(CultureInfo.InvariantCulture)}";
        return Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }
}
