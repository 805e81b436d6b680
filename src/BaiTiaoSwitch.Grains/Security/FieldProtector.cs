using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Security;

/// <summary>
/// Encrypts sensitive fields (card numbers, identity numbers, phones) with AES-256-GCM and makes keyed hashes for
/// look-ups. The associated data binds a ciphertext to its purpose, so a value cannot be moved to another field.
/// </summary>
public sealed class FieldProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> keys;
    private readonly string activeKeyId;
    private readonly byte[] lookupKey;

    public FieldProtector(IOptions<DataProtectionOptions> options)
    {
        var value = options.Value;
        keys = value.EncryptionKeys.ToDictionary(pair => pair.Key, pair => KeyMaterial.TryDecode(pair.Value) ?? [], StringComparer.Ordinal);
        activeKeyId = value.ActiveKeyId;
        lookupKey = KeyMaterial.Decode(value.LookupKey, "DataProtection:LookupKey");
    }

    public string ActiveKeyId => activeKeyId;

    public ProtectedValue Protect(string plaintext, string purpose)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var input = Encoding.UTF8.GetBytes(plaintext);
        var ciphertext = new byte[input.Length];
        var tag = new byte[TagSize];
        using var aes = new AesGcm(keys[activeKeyId], TagSize);
        aes.Encrypt(nonce, input, ciphertext, tag, Encoding.UTF8.GetBytes(purpose));
        CryptographicOperations.ZeroMemory(input);
        return new ProtectedValue(activeKeyId, nonce, ciphertext, tag);
    }

    public string Unprotect(ProtectedValue value, string purpose)
    {
        if (!keys.TryGetValue(value.KeyId, out var key))
        {
            throw new CryptographicException($"Encryption key '{value.KeyId}' is not configured; add it to EncryptionKeys to read data written under it.");
        }

        var plaintext = new byte[value.Ciphertext.Length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(value.Nonce, value.Ciphertext, value.Tag, plaintext, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>Keyed hash (HMAC-SHA256, lowercase hex) of a normalized value, scoped by purpose.</summary>
    public string LookupHash(string value, string purpose)
    {
        var hash = HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(purpose + "\u001f" + value));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Constant-time comparison of two lookup hashes.</summary>
    public static bool HashesEqual(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));
}
