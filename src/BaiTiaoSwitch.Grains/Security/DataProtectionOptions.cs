namespace BaiTiaoSwitch.Security;

/// <summary>
/// Keys for data at rest. Each key has an id so keys can rotate: new data uses <see cref="ActiveKeyId"/>, old data
/// still reads with the key its id names. Keys are base64 of 32 random bytes and come from a secret store.
/// </summary>
public sealed class DataProtectionOptions
{
    public string ActiveKeyId { get; set; } = "";

    /// <summary>Encryption keys (AES-256-GCM) by key id.</summary>
    public Dictionary<string, string> EncryptionKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Key of the keyed hash (HMAC-SHA256) used for look-ups of card numbers, identity numbers, phones and tokens.</summary>
    public string LookupKey { get; set; } = "";
}
