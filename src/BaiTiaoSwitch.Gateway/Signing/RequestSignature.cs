using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace BaiTiaoSwitch.Gateway.Signing;

/// <summary>
/// The signature of API.md: <c>base64(HMAC-SHA256(secret, method \n pathAndQuery \n timestamp \n nonce \n
/// lowercaseHex(SHA256(body))))</c>, compared in constant time. Works on pooled buffers: no allocation per request.
/// </summary>
public static class RequestSignature
{
    private const int HashSize = 32;

    public static bool IsValid(ReadOnlySpan<byte> key, string method, string pathAndQuery, string timestamp, string nonce, ReadOnlySpan<byte> body, string signature)
    {
        Span<byte> given = stackalloc byte[HashSize + 3];
        if (!Convert.TryFromBase64String(signature, given, out var givenLength) || givenLength != HashSize)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HashSize];
        Compute(key, method, pathAndQuery, timestamp, nonce, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..HashSize]);
    }

    public static void Compute(ReadOnlySpan<byte> key, string method, string pathAndQuery, string timestamp, string nonce, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        Span<byte> bodyHash = stackalloc byte[HashSize];
        SHA256.HashData(body, bodyHash);
        var length = Encoding.UTF8.GetMaxByteCount(method.Length + pathAndQuery.Length + timestamp.Length + nonce.Length) + 4 + (2 * HashSize);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            written += Append(method, buffer.AsSpan(written));
            written += Append(pathAndQuery, buffer.AsSpan(written));
            written += Append(timestamp, buffer.AsSpan(written));
            written += Append(nonce, buffer.AsSpan(written));
            var hex = buffer.AsSpan(written, 2 * HashSize);
            Convert.TryToHexStringLower(bodyHash, hex, out _);
            written += 2 * HashSize;
            HMACSHA256.HashData(key, buffer.AsSpan(0, written), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Append(string text, Span<byte> destination)
    {
        var count = Encoding.UTF8.GetBytes(text, destination);
        destination[count] = (byte)'\n';
        return count + 1;
    }
}
