using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Bindings;

/// <summary>The names binding derives: its key owner, the keys it acts with on grants, its fingerprints and its decoys.</summary>
public static class BindingKeys
{
    /// <summary>Who holds a start's or a verify's key in the channel's namespace (<c>IRequestKeyStore</c>).</summary>
    public static string Owner(string cardKey) => "binding/" + cardKey;

    /// <summary>
    /// The key the pending grant is made with: derived from the wallet's own key, so a retried start lands on the same
    /// grant, yet never the wallet's key itself, which the start holds in the channel's namespace.
    /// </summary>
    public static string GrantKey(string idempotencyKey) => "bind-" + Digest("grant", idempotencyKey);

    /// <summary>The key a pending grant is revoked with when its attempt ends: the same for every way it ends, so ending twice is one revoke.</summary>
    public static string EndKey(string grantId) => "bind-end-" + Digest("end", grantId);

    public static string StartFingerprint(FieldProtector protector, BindingRequest request) =>
        protector.LookupHash(string.Join('\u001f', request.CardNumber, request.Holder.Name, request.Holder.IdNumber, request.Holder.Phone), "binding-start");

    public static string VerifyFingerprint(FieldProtector protector, string grantId, string otp) =>
        protector.LookupHash(grantId + "\u001f" + otp, "binding-verify");

    /// <summary>
    /// The card an unknown number is checked against, so that it costs what a known one does: one per number (so a
    /// number probed again finds it warm, as a known card would be), named by a digest that cannot be traced back to
    /// the number's key. No real card id has a '~'; this card is never issued, and an unknown number always fails.
    /// </summary>
    public static string DecoyCard(string cardKey) => "decoy~" + Digest("decoy", cardKey);

    /// <summary>The account an unknown number's holder is checked against: no account id may contain a '~', so it is never opened.</summary>
    public static string DecoyAccount(string cardKey) => "decoy~" + Digest("decoy", cardKey);

    private static string Digest(string purpose, string value) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + "\u001f" + value)))[..32];
}
