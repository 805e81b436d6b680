using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// What the key log keeps of a key, an owner and a fingerprint: SHA-256 digests cut to 128 bits (keys, fingerprints) and
/// 64 bits (owners, compared only among the few owners of one key). A channel's namespace holds every key of the key
/// retention in memory, so a claim costs a fixed 40 bytes there whatever the key's length; at 128 bits two keys of one
/// shard collide with odds far below a storage failure's.
/// </summary>
public static class KeyDigest
{
    public static UInt128 Of(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    public static ulong OwnerOf(string owner) => (ulong)Of("owner\u001f" + owner);

    /// <summary>
    /// What a claim that is already the owner's says it was made with: the caller's own fingerprint when the digests
    /// match (callers compare fingerprints for equality), else a text no fingerprint equals.
    /// </summary>
    public static string Answering(UInt128 stored, string fingerprint) =>
        Of(fingerprint) == stored ? fingerprint : "digest:" + stored.ToString("X32", System.Globalization.CultureInfo.InvariantCulture);
}
