namespace BaiTiaoSwitch.Cards;

/// <summary>Finds a card by its number. Keyed by the keyed hash (HMAC) of the number, never by the number.</summary>
public interface ICardNumberIndexGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the number's hash to <paramref name="cardId"/> unless another card holds it: true when it is (now or
    /// already) this card's, false when another card's. The index is the arbiter of uniqueness: a card stores a number
    /// only after registering it here.
    /// </summary>
    [ClusterInternal]
    Task<bool> Register(string cardId);

    [ClusterInternal]
    [Orleans.Concurrency.ReadOnly]
    Task<string?> Find();
}
