using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Cards;

/// <summary>A virtual card (分卡) on one account, keyed by card id. Owns the encrypted card number and the card's grants.</summary>
public interface IVirtualCardGrain : IGrainWithStringKey
{
    /// <summary>Issues the card. Issuing the same card id again for the same account is a replay and returns the same card.</summary>
    [IssuerOnly]
    Task<IssuedCard> Issue(string idempotencyKey, string accountId);

    [IssuerOnly]
    Task<Card> Get();

    [IssuerOnly]
    Task<Card> Freeze(string idempotencyKey);

    [IssuerOnly]
    Task<Card> Unfreeze(string idempotencyKey);

    [IssuerOnly]
    Task<Card> Cancel(string idempotencyKey);

    [IssuerOnly]
    Task<Card> SetLimits(string idempotencyKey, SpendLimits limits);

    /// <summary>The issuer binds the card to <see cref="GrantRequest.Channel"/> directly: the grant is active at once.</summary>
    [IssuerOnly]
    Task<Grant> CreateGrant(string idempotencyKey, GrantRequest request);

    /// <summary>
    /// Identity-verified binding: a grant for <paramref name="channel"/> that waits in pending_verification until
    /// its one-time code is verified. Only the binding grains call it, after the four elements matched.
    /// </summary>
    [ClusterInternal]
    Task<Grant> CreatePendingGrant(string idempotencyKey, string channel);

    [IssuerOnly]
    Task<IReadOnlyList<Grant>> ListGrants();

    /// <summary>True when <paramref name="cardNumber"/> is this card's number (compared in constant time).</summary>
    [ClusterInternal]
    Task<bool> HasNumber(string cardNumber);
}
