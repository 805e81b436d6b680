using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BaiTiaoSwitch.Security;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Callers;

/// <summary>
/// The proof that a silo of this cluster made a call: HMAC(internalKey, targetGrainId | interface.method | unix minute).
/// The internal key is derived (HKDF-SHA256, info "bts-cluster-internal") from the silos' look-up key, which no client
/// has. A stamp names its target and method, so it cannot be moved to another call, and it is good for about two minutes.
/// </summary>
public sealed class InternalCallStamp
{
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("bts-cluster-internal");
    private readonly Lazy<byte[]> key;

    public InternalCallStamp(IOptions<DataProtectionOptions> options)
    {
        // Derived on first use, not when Orleans builds its filters: a bad key is then reported by the start-up
        // validation together with every other bad setting.
        key = new Lazy<byte[]>(() => HKDF.DeriveKey(HashAlgorithmName.SHA256, KeyMaterial.Decode(options.Value.LookupKey, "DataProtection:LookupKey"), 32, salt: [], Info));
    }

    public string Make(GrainId target, string interfaceName, string methodName) =>
        Compute(target, interfaceName, methodName, Minute(TimeProvider.System.GetUtcNow()));

    /// <summary>
    /// Accepts this minute's stamp and the previous minute's (a call made just before the minute turned), and the next
    /// minute's too: silo clocks differ by milliseconds, and a stamp made just after the turn must not fail here.
    /// </summary>
    public bool IsValid(string? stamp, GrainId target, string interfaceName, string methodName)
    {
        if (stamp is null || stamp.Length != Base64Url.GetEncodedLength(32))
        {
            return false;
        }

        var minute = Minute(TimeProvider.System.GetUtcNow());
        for (var offset = 0; offset <= 2; offset++)
        {
            var candidate = minute + (offset == 2 ? 1 : -offset);
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stamp), Encoding.ASCII.GetBytes(Compute(target, interfaceName, methodName, candidate))))
            {
                return true;
            }
        }

        return false;
    }

    private static long Minute(DateTimeOffset now) => now.ToUnixTimeSeconds() / 60;

    private string Compute(GrainId target, string interfaceName, string methodName, long minute)
    {
        var text = $"{target}|{interfaceName}.{methodName}|{minute.ToString(CultureInfo.InvariantCulture)}";
        return Base64Url.EncodeToString(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(text)));
    }
}
