using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// Binding on one card number, keyed by the keyed hash of the number (so unknown numbers lock too, and no number
/// appears in a grain id). It serializes everything that counts against the card: failed verifications and the lock,
/// codes guessed, and the one open attempt per channel.
/// </summary>
public interface ICardBindingGrain : IGrainWithStringKey
{
    /// <summary>Starts a binding of this card to <paramref name="channel"/>, the wallet that the desk's caller proved to be.</summary>
    [ClusterInternal]
    Task<Grant> Start(string idempotencyKey, string channel, BindingRequest request);

    /// <summary>
    /// Checks one code of attempt <paramref name="grantId"/> against the card's lock and guess budget, and counts it
    /// (a wrong one also as a failed verification) before answering.
    /// </summary>
    [ClusterInternal]
    Task<CodeCheck> CheckCode(string grantId, string channel, string expectedHash, string givenHash);
}

/// <summary>What the card says about one code.</summary>
[GenerateSerializer, Alias("bts.CodeCheck")]
public enum CodeCheck
{
    Right = 0,
    Wrong = 1,

    /// <summary>Binding on the card is locked, or its codes for this hour are spent: nothing was compared.</summary>
    Locked = 2,

    /// <summary>A newer start for the same channel replaced this attempt: nothing was compared.</summary>
    Superseded = 3,
}
