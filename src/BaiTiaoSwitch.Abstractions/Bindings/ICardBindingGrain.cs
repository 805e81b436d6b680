using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// The binding attempts and the failure count of one card number, keyed by the keyed hash of the number (so unknown
/// numbers lock too, and no number appears in a grain id). Five failures within an hour lock binding for an hour.
/// </summary>
public interface ICardBindingGrain : IGrainWithStringKey
{
    /// <summary>Starts a binding of this card to <paramref name="channel"/>, the wallet that the desk's caller proved to be.</summary>
    [ClusterInternal]
    Task<Grant> Start(string idempotencyKey, string channel, BindingRequest request);

    /// <summary>Counts one failed verification (a wrong code) against the card.</summary>
    [ClusterInternal]
    Task RecordFailure();
}
