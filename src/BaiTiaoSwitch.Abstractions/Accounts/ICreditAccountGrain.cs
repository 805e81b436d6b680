using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// A credit line (白条账户), keyed by account id. The one writer of every balance and limit counter of the line.
/// Every money operation is decided synchronously and acknowledged only once it is durable.
/// </summary>
public interface ICreditAccountGrain : IGrainWithStringKey
{
    Task<AccountSnapshot> Open(OpenAccountRequest request);

    Task<AccountSnapshot> GetSnapshot();

    Task<AccountSnapshot> Freeze();

    Task<AccountSnapshot> Unfreeze();

    Task<AccountSnapshot> Close();

    Task<AccountSnapshot> ChangeCreditLimit(Money creditLimit);

    Task<AccountSnapshot> SetLimits(SpendLimits limits);

    /// <summary>Compares a claimed holder with the record (keyed hashes, constant time); never says which element differs.</summary>
    Task<HolderCheck> CheckHolder(Holder candidate);

    Task UpsertCardPolicy(CardPolicy policy);

    Task UpsertGrantPolicy(GrantPolicy policy);

    Task<Authorization> Authorize(RequestContext context, AuthorizeCommand command);

    Task<Authorization> Increment(RequestContext context, string authorizationId, Money amount);

    Task<Capture> Capture(RequestContext context, string authorizationId, Money amount, bool final);

    /// <summary>Reverses <paramref name="amount"/> of the open hold, or all that remains when null.</summary>
    Task<Authorization> Reverse(RequestContext context, string authorizationId, Money? amount);

    /// <summary>
    /// Reverses the authorization that the request with <paramref name="originalIdempotencyKey"/> made. If that request
    /// has not arrived yet, a tombstone makes sure it never takes credit when it does.
    /// </summary>
    Task<Authorization> ReverseByRequest(RequestContext context, string grantId, string originalIdempotencyKey);

    Task<Refund> Refund(RequestContext context, string captureId, Money amount);

    Task<Authorization> GetAuthorization(Caller caller, string authorizationId);

    /// <summary>Releases every hold whose period has ended. Returns how many expired now. Safe to call any time.</summary>
    Task<int> ExpireHolds();
}
