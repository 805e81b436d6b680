using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// Where a wallet starts an identity-verified binding (授权). A stateless worker: it turns the card number into a
/// keyed hash (callers hold no keys) and hands the work to the grain of that card, for the calling channel.
/// </summary>
public interface IBindingDeskGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Checks the four elements, card and account status and credit score, then makes a grant in
    /// pending_verification and sends a one-time code to the holder's phone on record.
    /// Throws verification_failed (never saying why) or verification_locked.
    /// </summary>
    Task<Grant> Start(string idempotencyKey, BindingRequest request);
}
