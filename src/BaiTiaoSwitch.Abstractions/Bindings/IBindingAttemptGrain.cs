using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// One binding attempt, keyed by the grant id it made: the hash of its one-time code, expiry, wrong tries, and how far
/// it got (open, verified, activated, ended). Only the channel that started it may see it; anyone else gets not_found.
/// </summary>
public interface IBindingAttemptGrain : IGrainWithStringKey
{
    /// <summary>Opens the attempt; true when this call opened it (the caller sends the code), false when it was open already (no second code).</summary>
    [ClusterInternal]
    Task<bool> Open(BindingAttempt attempt);

    /// <summary>
    /// Activates the grant on the right code. A wrong or expired code throws otp_invalid; the third wrong one ends the
    /// attempt; a card locked for binding throws verification_locked. A right code whose activation did not finish
    /// throws outcome_unknown, and the same call again finishes it.
    /// </summary>
    Task<Grant> Verify(string idempotencyKey, string otp);

    /// <summary>A newer start on the same card for the same channel replaces this attempt: its code dies and its pending grant is revoked.</summary>
    [ClusterInternal]
    Task Supersede();
}

/// <summary>What the card grain hands to the attempt: never the code itself, only its keyed hash.</summary>
[GenerateSerializer, Immutable, Alias("bts.BindingAttempt")]
public sealed record BindingAttempt(
    [property: Id(0)] string GrantId,
    [property: Id(1)] string Channel,
    [property: Id(2)] string CardKey,
    [property: Id(3)] string OtpHash,
    [property: Id(4)] DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"BindingAttempt({GrantId}, {Channel})";
}
