using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// A credit line (白条账户), keyed by account id. The one writer of every balance and limit counter of the line.
/// Every money operation is decided synchronously and acknowledged only once it is durable. The SDK calls payments here
/// directly (one hop); a wallet reaches only its own grants and the payments made through them (not_found otherwise).
/// </summary>
public interface ICreditAccountGrain : IGrainWithStringKey
{
    [IssuerOnly]
    Task<AccountSnapshot> Open(string idempotencyKey, OpenAccountRequest request);

    [IssuerOnly]
    Task<AccountSnapshot> GetSnapshot();

    [IssuerOnly]
    Task<AccountSnapshot> Freeze(string idempotencyKey);

    [IssuerOnly]
    Task<AccountSnapshot> Unfreeze(string idempotencyKey);

    [IssuerOnly]
    Task<AccountSnapshot> Close(string idempotencyKey);

    [IssuerOnly]
    Task<AccountSnapshot> ChangeCreditLimit(string idempotencyKey, Money creditLimit);

    /// <summary>Sets the holder's credit score (0 to 1000); the limit in force follows the score's band.</summary>
    [IssuerOnly]
    Task<AccountSnapshot> ChangeCreditScore(string idempotencyKey, int creditScore);

    [IssuerOnly]
    Task<AccountSnapshot> SetLimits(string idempotencyKey, SpendLimits limits);

    /// <summary>Compares a claimed holder with the record (keyed hashes, constant time); never says which element differs.</summary>
    [ClusterInternal]
    Task<HolderCheck> CheckHolder(Holder candidate);

    [ClusterInternal]
    Task UpsertCardPolicy(CardPolicy policy);

    [ClusterInternal]
    Task UpsertGrantPolicy(GrantPolicy policy);

    Task<Authorization> Authorize(string idempotencyKey, AuthorizeCommand command);

    Task<Authorization> Increment(string idempotencyKey, string authorizationId, Money amount);

    Task<Capture> Capture(string idempotencyKey, string authorizationId, Money amount, bool final);

    /// <summary>Reverses <paramref name="amount"/> of the open hold, or all that remains when null.</summary>
    Task<Authorization> Reverse(string idempotencyKey, string authorizationId, Money? amount);

    /// <summary>
    /// Reverses the authorization that the request with <paramref name="originalIdempotencyKey"/> made. If that request
    /// has not arrived yet, a tombstone makes sure it never takes credit when it does.
    /// </summary>
    Task<Authorization> ReverseByRequest(string idempotencyKey, string grantId, string originalIdempotencyKey);

    Task<Refund> Refund(string idempotencyKey, string captureId, Money amount);

    Task<Authorization> GetAuthorization(string authorizationId);

    /// <summary>Releases every hold whose period has ended. Returns how many expired now. Safe to call any time.</summary>
    [ClusterInternal]
    Task<int> ExpireHolds();

    // Credit products: called only by the line's credit grain (IAccountCreditGrain), each through the money pipeline.

    /// <summary>The line's credit state, durable only: clock, billing day, credit use, open periods, plan refunds, plans.</summary>
    [ClusterInternal]
    Task<CreditLine> ReadCreditLine();

    /// <summary>
    /// Moves a capture's principal (captured − refunded, which must equal <paramref name="expectedPrincipal"/>, else
    /// <c>409 invalid_transition</c>: re-read and retry) from the revolving balance onto plan <paramref name="planId"/>. A
    /// capture is on one plan at most (<c>409 invalid_transition</c>); an unknown capture is <c>not_found</c>.
    /// </summary>
    [ClusterInternal]
    Task<PlanPrincipalMoved> MoveToInstallments(string idempotencyKey, string captureId, string planId, long expectedPrincipal);

    /// <summary>
    /// Applies a repayment over what is owed: <paramref name="owedExceptUnbilled"/> (its Unbilled bucket is ignored; the
    /// account adds its own revolving principal not billed), refused with <c>422 repayment_exceeds_balance</c> above the total.
    /// </summary>
    [ClusterInternal]
    Task<RepaymentApplied> Repay(string idempotencyKey, long amount, RepaymentOwed owedExceptUnbilled);

    /// <summary>
    /// The credit grain has durably stored the statement cut on <paramref name="cutDate"/>: the account forgets the
    /// periods through it, lowers plans' unbilled principal by what it billed, and drops plan refunds through
    /// <paramref name="planRefundsThroughSeq"/>. Idempotent per cut date.
    /// </summary>
    [ClusterInternal]
    Task AcknowledgeCut(string idempotencyKey, DateOnly cutDate, IReadOnlyList<PlanBilled> planPrincipalBilled, long planRefundsThroughSeq);

    /// <summary>Sandbox only (else <c>404 not_found</c>): moves the account's clock forward, then expires holds due. Returns the new now.</summary>
    [ClusterInternal]
    Task<DateTimeOffset> AdvanceClock(string idempotencyKey, long advanceSeconds);
}
