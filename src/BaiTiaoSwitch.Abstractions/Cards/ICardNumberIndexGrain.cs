namespace BaiTiaoSwitch.Cards;

/// <summary>Finds a card by its number. Keyed by the keyed hash (HMAC) of the number, never by the number.</summary>
public interface ICardNumberIndexGrain : IGrainWithStringKey
{
    [ClusterInternal]
    Task Register(string cardId);

    [ClusterInternal]
    [Orleans.Concurrency.ReadOnly]
    Task<string?> Find();
}
