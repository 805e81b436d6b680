namespace BaiTiaoSwitch;

/// <summary>
/// What proves a caller: its channel, its role and the channel's cluster key (base64 of at least 32 random bytes).
/// The SDK signs <see cref="CallerToken"/>s with it; the silos hold the same key per channel and verify them.
/// The key is never printed, logged or sent.
/// </summary>
public sealed record CallerCredential(string Channel, ChannelRole Role, string Key)
{
    public Caller Caller => new(Channel, Role);

    /// <summary>Every problem of this credential, each naming its setting (after <paramref name="settingPrefix"/>) and never holding the key.</summary>
    public IEnumerable<string> Problems(string settingPrefix = "")
    {
        if (!Ids.IsWellFormed(Channel))
        {
            yield return $"{settingPrefix}Channel must be 1 to {Ids.IdLengthMax} characters of [A-Za-z0-9_-].";
        }

        if (!Enum.IsDefined(Role))
        {
            yield return $"{settingPrefix}Role must be Wallet or Issuer.";
        }

        if (!KeyMaterial.IsStrong(Key))
        {
            yield return $"{settingPrefix}Key of channel '{(Ids.IsWellFormed(Channel) ? Channel : "?")}' must be base64 of at least {KeyMaterial.KeyBytesMin} random bytes.";
        }
    }

    // Records print their members; this one must never print the key.
    public override string ToString() => $"CallerCredential({Channel}, {Role})";
}
