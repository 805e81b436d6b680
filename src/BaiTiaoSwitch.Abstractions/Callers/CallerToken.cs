using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BaiTiaoSwitch;

/// <summary>
/// A caller's proof, carried on every call under <see cref="CallerContextKeys.Token"/>:
/// <c>v1.{channel}.{role}.{expiresUnixSeconds}.{base64url(HMAC-SHA256(key, "v1|channel|role|expires"))}</c>.
/// The SDK mints it with the channel's cluster key; a silo verifies it against the key and role it has for that
/// channel. Token time is real time, never a test clock. <see cref="ToString"/> never prints the signature.
/// </summary>
public readonly record struct CallerToken(string Channel, ChannelRole Role, long ExpiresUnixSeconds, string Signature)
{
    public const string Version = "v1";

    /// <summary>How long a minted token is good for. The SDK renews it well before then.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>How far the clocks of client and silo may disagree.</summary>
    public static readonly TimeSpan ClockSkewMax = TimeSpan.FromMinutes(1);

    private const int SignatureBytes = 32;

    public Caller Caller => new(Channel, Role);

    public static string Mint(CallerCredential credential, DateTimeOffset expiresAt)
    {
        var key = KeyMaterial.Decode(credential.Key, "the caller credential's Key");
        var expires = expiresAt.ToUnixTimeSeconds();
        var signature = Sign(key, credential.Channel, credential.Role, expires);
        return string.Join('.', Version, credential.Channel, RoleName(credential.Role), expires.ToString(CultureInfo.InvariantCulture), signature);
    }

    /// <summary>Reads the parts of a token without trusting them: only <see cref="IsSignedWith"/> says whether they are true.</summary>
    public static bool TryParse(string? text, out CallerToken token)
    {
        token = default;
        var parts = text?.Split('.');
        if (parts is not { Length: 5 } || parts[0] != Version || !Ids.IsWellFormed(parts[1]) || parts[4].Length != Base64Url.GetEncodedLength(SignatureBytes))
        {
            return false;
        }

        ChannelRole? role = parts[2] switch { "wallet" => ChannelRole.Wallet, "issuer" => ChannelRole.Issuer, _ => null };
        if (role is null || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }

        token = new CallerToken(parts[1], role.Value, expires, parts[4]);
        return true;
    }

    /// <summary>True when the signature is the HMAC of this token's claims under <paramref name="key"/> (constant time).</summary>
    public bool IsSignedWith(byte[] key)
    {
        Span<byte> given = stackalloc byte[SignatureBytes];
        if (Base64Url.DecodeFromChars(Signature, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != SignatureBytes)
        {
            return false;
        }

        var expected = Base64Url.DecodeFromChars(Sign(key, Channel, Role, ExpiresUnixSeconds));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Usable at <paramref name="now"/>: not expired, and not minted to last longer than a token may.</summary>
    public bool IsCurrentAt(DateTimeOffset now)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(ExpiresUnixSeconds, 0, 253_402_300_799));
        return expiresAt > now && expiresAt <= now + Lifetime + ClockSkewMax;
    }

    public override string ToString() => $"CallerToken({Channel}, {RoleName(Role)}, expires {ExpiresUnixSeconds})";

    private static string Sign(byte[] key, string channel, ChannelRole role, long expires)
    {
        var claims = Encoding.UTF8.GetBytes($"{Version}|{channel}|{RoleName(role)}|{expires.ToString(CultureInfo.InvariantCulture)}");
        return Base64Url.EncodeToString(HMACSHA256.HashData(key, claims));
    }

    private static string RoleName(ChannelRole role) => role == ChannelRole.Issuer ? "issuer" : "wallet";
}
