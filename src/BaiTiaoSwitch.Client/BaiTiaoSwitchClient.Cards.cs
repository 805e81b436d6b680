using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;

namespace BaiTiaoSwitch.Client;

// Cards (issuer)
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>Issues a card. The answer holds the full card number: the only time it is ever returned.</summary>
    public Task<IssuedCard> IssueCardAsync(string accountId, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Ids.Require(accountId, "accountId");
        var key = Key(options);
        var cardId = DerivedIds.Card(OwnChannel, accountId, key);
        return calls.Write(key, key => CardGrain(cardId).Issue(key, accountId), static (issued, key) => issued with { IdempotencyKey = key }, cancellationToken);
    }

    public Task<Card> GetCardAsync(string cardId, CancellationToken cancellationToken = default) =>
        calls.Read(() => CardGrain(cardId).Get(), cancellationToken);

    public Task<Card> FreezeCardAsync(string cardId, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteCard(options, key => CardGrain(cardId).Freeze(key), cancellationToken);

    public Task<Card> UnfreezeCardAsync(string cardId, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteCard(options, key => CardGrain(cardId).Unfreeze(key), cancellationToken);

    public Task<Card> CancelCardAsync(string cardId, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteCard(options, key => CardGrain(cardId).Cancel(key), cancellationToken);

    public Task<Card> SetCardLimitsAsync(string cardId, SpendLimits limits, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteCard(options, key => CardGrain(cardId).SetLimits(key, limits), cancellationToken);

    private IVirtualCardGrain CardGrain(string cardId) => grains.GetGrain<IVirtualCardGrain>(Ids.Require(cardId, "cardId"));

    private Task<Card> WriteCard(RequestOptions? options, Func<string, Task<Card>> call, CancellationToken cancellationToken) =>
        calls.Write(Key(options), call, static (card, key) => card with { IdempotencyKey = key }, cancellationToken);
}
