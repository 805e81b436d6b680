using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Cards;

/// <summary>A virtual card (分卡) on one account, keyed by card id. Owns the encrypted card number and the card's grants.</summary>
public interface IVirtualCardGrain : IGrainWithStringKey
{
    /// <summary>Issues the card. Issuing the same card id again for the same account is a replay and returns the same card.</summary>
    Task<IssuedCard> Issue(string accountId);

    Task<Card> Get();

    Task<Card> Freeze();

    Task<Card> Unfreeze();

    Task<Card> Cancel();

    Task<Card> SetLimits(SpendLimits limits);

    /// <summary>Makes a grant for a channel. With <paramref name="verified"/> false it waits in pending_verification.</summary>
    Task<Grant> CreateGrant(RequestContext context, GrantRequest request, bool verified);

    Task<IReadOnlyList<Grant>> ListGrants();

    /// <summary>True when <paramref name="cardNumber"/> is this card's number (compared in constant time).</summary>
    Task<bool> HasNumber(string cardNumber);
}
