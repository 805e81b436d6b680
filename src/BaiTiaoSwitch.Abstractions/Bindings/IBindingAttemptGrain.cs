using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// One binding attempt, keyed by the grant id it made: the hash of its one-time code, expiry and wrong tries.
/// Only the channel that started it may see it; anyone else gets not_found.
/// </summary>
public interface IBindingAttemptGrain : IGrainWithStringKey
{
    [ClusterInternal]
    Task Open(BindingAttempt attempt);

    /// <summary>Activates the grant on the right code. A wrong or expired code throws otp_invalid; the third wrong one ends the attempt.</summary>
    Task<Grant> Verify(string idempotencyKey, string otp);
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
