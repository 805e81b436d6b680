namespace BaiTiaoSwitch;

/// <summary>
/// A key as configuration holds it: base64 of random bytes. A key that is public (committed for local development)
/// is written <c>local-dev-</c> + base64, so that every process can refuse it outside the Development environment.
/// </summary>
public static class KeyMaterial
{
    public const string LocalDevelopmentPrefix = "local-dev-";

    /// <summary>The shortest key accepted, in bytes: an HMAC-SHA256 key weaker than its output is no key.</summary>
    public const int KeyBytesMin = 32;

    public static bool IsLocalDevelopment(string? text) => text?.StartsWith(LocalDevelopmentPrefix, StringComparison.Ordinal) == true;

    /// <summary>The key's bytes, or null when it is not base64 (after the optional local-dev prefix).</summary>
    public static byte[]? TryDecode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var base64 = IsLocalDevelopment(text) ? text[LocalDevelopmentPrefix.Length..] : text;
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>True when the text decodes to at least <see cref="KeyBytesMin"/> bytes.</summary>
    public static bool IsStrong(string? text) => TryDecode(text) is { Length: >= KeyBytesMin };

    /// <summary>The key's bytes; throws naming <paramref name="setting"/> (never the key) when it is not usable.</summary>
    public static byte[] Decode(string? text, string setting) =>
        TryDecode(text) is { Length: >= KeyBytesMin } bytes
            ? bytes
            : throw new ArgumentException($"{setting} must be base64 of at least {KeyBytesMin} random bytes (prefixed '{LocalDevelopmentPrefix}' only for public local-development keys).");
}
