using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// Where a wallet starts an identity-verified binding (授权). A stateless worker: it turns the card number and
/// phone into keyed hashes (the gateway holds no keys) and hands the work to the grain of that card.
/// </summary>
public interface IBindingDeskGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Checks the four elements, card and account status and credit score, then makes a grant in
    /// pending_verification and sends a one-time code to the holder's phone on record.
    /// Throws verification_failed (never saying why) or verification_locked.
    /// </summary>
    Task<Grant> Start(RequestContext context, BindingRequest request);

    /// <summary>Sandbox mode only: the last code sent to <paramref name="phone"/>; null when none (or not in sandbox mode).</summary>
    Task<string?> SandboxLastOtp(string phone);
}
