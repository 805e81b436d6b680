using System.Buffers;
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
    private const int MacBytes = 32;

    // Room for a grain id in the first try; a longer one is formatted again in a larger buffer.
    private const int TextCharsFirst = 160;

    private static readonly byte[] Info = Encoding.ASCII.GetBytes("bts-cluster-internal");
    private readonly Lazy<byte[]> key;

    public InternalCallStamp(IOptions<DataProtectionOptions> options)
    {
        // Derived on first use, not when Orleans builds its filters: a bad key is then reported by the start-up
        // validation together with every other bad setting.
        key = new Lazy<byte[]>(() => HKDF.DeriveKey(HashAlgorithmName.SHA256, KeyMaterial.Decode(options.Value.LookupKey, "DataProtection:LookupKey"), 32, salt: [], Info));
    }

    public string Make(GrainId target, string interfaceName, string methodName)
    {
        Span<byte> mac = stackalloc byte[MacBytes];
        Compute(target, interfaceName, methodName, Minute(TimeProvider.System.GetUtcNow()), mac);
        return Base64Url.EncodeToString(mac);
    }

    /// <summary>
    /// Accepts this minute's stamp and the previous minute's (a call made just before the minute turned), and the next
    /// minute's too: silo clocks differ by milliseconds, and a stamp made just after the turn must not fail here.
    /// </summary>
    public bool IsValid(string? stamp, GrainId target, string interfaceName, string methodName)
    {
        Span<byte> claimed = stackalloc byte[MacBytes];
        if (stamp is null || stamp.Length != Base64Url.GetEncodedLength(MacBytes)
            || Base64Url.DecodeFromChars(stamp, claimed, out _, out var written) != OperationStatus.Done || written != MacBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        var minute = Minute(TimeProvider.System.GetUtcNow());
        for (var offset = 0; offset <= 2; offset++)
        {
            Compute(target, interfaceName, methodName, minute + (offset == 2 ? 1 : -offset), expected);
            if (CryptographicOperations.FixedTimeEquals(claimed, expected))
            {
                return true;
            }
        }

        return false;
    }

    private static long Minute(DateTimeOffset now) => now.ToUnixTimeSeconds() / 60;

    // Every call between silos is stamped and checked, so the text and the MAC are made in pooled buffers and on the
    // stack, not as strings and arrays (four of each per check): the same bytes as "{target}|{interface}.{method}|{minute}"
    // in UTF-8, so silos of the build before this one still accept these stamps and make ones this build accepts.
    private void Compute(GrainId target, string interfaceName, string methodName, long minute, Span<byte> mac)
    {
        for (var size = TextCharsFirst + interfaceName.Length + methodName.Length; ; size *= 2)
        {
            var chars = ArrayPool<char>.Shared.Rent(size);
            try
            {
                if (chars.AsSpan().TryWrite(CultureInfo.InvariantCulture, $"{target}|{interfaceName}.{methodName}|{minute}", out var length))
                {
                    var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
                    try
                    {
                        var encoded = Encoding.UTF8.GetBytes(chars.AsSpan(0, length), bytes);
                        HMACSHA256.HashData(key.Value, bytes.AsSpan(0, encoded), mac);
                        return;
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(bytes);
                    }
                }
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }
}
