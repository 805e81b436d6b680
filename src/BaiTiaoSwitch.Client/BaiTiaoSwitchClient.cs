using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Client;

/// <summary>
/// The typed SDK a .NET wallet gateway embeds. Every mutating call carries an idempotency key (generated when none
/// is given) and retries retryable failures with the same key, which is what makes a retry safe.
/// Amounts are <see cref="Money"/> in minor units (fen).
/// </summary>
public sealed class BaiTiaoSwitchClient
{
    private readonly IGrainFactory grains;
    private readonly Caller caller;
    private readonly int retriesMax;
    private readonly TimeSpan backoffBase;

    public BaiTiaoSwitchClient(IGrainFactory grains, IOptions<BaiTiaoSwitchClientOptions> options)
        : this(grains, new Caller(options.Value.Channel, options.Value.Role), options.Value.RetriesMax, options.Value.RetryBackoffBase)
    {
    }

    public BaiTiaoSwitchClient(IGrainFactory grains, Caller caller, int retriesMax = 2, TimeSpan? retryBackoffBase = null)
    {
        this.grains = grains;
        this.caller = caller;
        this.retriesMax = retriesMax;
        backoffBase = retryBackoffBase ?? TimeSpan.FromMilliseconds(50);
    }

    public Caller Caller => caller;

    /// <summary>A client for the same cluster acting as another channel (for hosts that serve several channels).</summary>
    public BaiTiaoSwitchClient As(Caller other) => new(grains, other, retriesMax, backoffBase);

    // Accounts (issuer)

    public Task<AccountSnapshot> OpenAccountAsync(OpenAccountRequest request, CancellationToken cancellationToken = default) =>
        Retry(() => Account(request?.AccountId).Open(request!), cancellationToken);

    public Task<AccountSnapshot> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        Retry(() => Account(accountId).GetSnapshot(), cancellationToken);

    public Task<AccountSnapshot> FreezeAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        Retry(() => Account(accountId).Freeze(), cancellationToken);

    public Task<AccountSnapshot> UnfreezeAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        Retry(() => Account(accountId).Unfreeze(), cancellationToken);

    public Task<AccountSnapshot> CloseAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        Retry(() => Account(accountId).Close(), cancellationToken);

    public Task<AccountSnapshot> ChangeCreditLimitAsync(string accountId, Money creditLimit, CancellationToken cancellationToken = default) =>
        Retry(() => Account(accountId).ChangeCreditLimit(creditLimit), cancellationToken);

    public Task<AccountSnapshot> SetAccountLimitsAsync(string accountId, SpendLimits limits, CancellationToken cancellationToken = default) =>
        Retry(() => Account(accountId).SetLimits(limits), cancellationToken);

    // Cards (issuer)

    /// <summary>Issues a card. The answer holds the full card number: the only time it is ever returned.</summary>
    public Task<IssuedCard> IssueCardAsync(string accountId, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Ids.Require(accountId, "accountId");
        var cardId = DerivedIds.Card(caller.Channel, accountId, Key(options));
        return Retry(() => grains.GetGrain<IVirtualCardGrain>(cardId).Issue(accountId), cancellationToken);
    }

    public Task<Card> GetCardAsync(string cardId, CancellationToken cancellationToken = default) =>
        Retry(() => CardGrain(cardId).Get(), cancellationToken);

    public Task<Card> FreezeCardAsync(string cardId, CancellationToken cancellationToken = default) =>
        Retry(() => CardGrain(cardId).Freeze(), cancellationToken);

    public Task<Card> UnfreezeCardAsync(string cardId, CancellationToken cancellationToken = default) =>
        Retry(() => CardGrain(cardId).Unfreeze(), cancellationToken);

    public Task<Card> CancelCardAsync(string cardId, CancellationToken cancellationToken = default) =>
        Retry(() => CardGrain(cardId).Cancel(), cancellationToken);

    public Task<Card> SetCardLimitsAsync(string cardId, SpendLimits limits, CancellationToken cancellationToken = default) =>
        Retry(() => CardGrain(cardId).SetLimits(limits), cancellationToken);

    // Grants

    /// <summary>Issuer: binds the card to <see cref="GrantRequest.Channel"/> directly, already active.</summary>
    public Task<Grant> CreateGrantAsync(string cardId, GrantRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = Context(options);
        return Retry(() => CardGrain(cardId).CreateGrant(context, request, verified: true), cancellationToken);
    }

    public Task<IReadOnlyList<Grant>> ListGrantsAsync(string cardId, CancellationToken cancellationToken = default) =>
        Retry(() => CardGrain(cardId).ListGrants(), cancellationToken);

    public Task<Grant> GetGrantAsync(string grantId, CancellationToken cancellationToken = default) =>
        Retry(() => GrantGrain(grantId).Get(caller), cancellationToken);

    public Task<Grant> SuspendGrantAsync(string grantId, CancellationToken cancellationToken = default) =>
        Retry(() => GrantGrain(grantId).Suspend(caller), cancellationToken);

    public Task<Grant> ResumeGrantAsync(string grantId, CancellationToken cancellationToken = default) =>
        Retry(() => GrantGrain(grantId).Resume(caller), cancellationToken);

    public Task<Grant> RevokeGrantAsync(string grantId, CancellationToken cancellationToken = default) =>
        Retry(() => GrantGrain(grantId).Revoke(caller), cancellationToken);

    /// <summary>Wallet: starts an identity-verified binding; a one-time code goes to the holder's phone on record.</summary>
    public Task<Grant> StartBindingAsync(BindingRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = Context(options);
        return Retry(() => grains.GetGrain<IBindingDeskGrain>(0).Start(context, request), cancellationToken);
    }

    /// <summary>Wallet: completes a binding with the one-time code; the answer carries the wallet token.</summary>
    public Task<Grant> VerifyBindingAsync(string grantId, string otp, CancellationToken cancellationToken = default) =>
        Retry(() => grains.GetGrain<IBindingAttemptGrain>(Ids.Require(grantId, "grantId")).Verify(caller, otp), cancellationToken);

    // Payments (wallet)

    /// <summary>Places a hold. A decline is a value (<see cref="Authorization.Reason"/>), not an exception.</summary>
    public Task<Authorization> AuthorizeAsync(AuthorizeRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = Context(options);
        return Retry(() => Router.Authorize(context, request), cancellationToken);
    }

    public Task<Authorization> IncrementAsync(string authorizationId, Money amount, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = Context(options);
        return Retry(() => Router.Increment(context, authorizationId, amount), cancellationToken);
    }

    public Task<Capture> CaptureAsync(string authorizationId, Money amount, bool final = false, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = Context(options);
        return Retry(() => Router.Capture(context, authorizationId, amount, final), cancellationToken);
    }

    /// <summary>Reverses <paramref name="amount"/> of the hold, or all that remains when null.</summary>
    public Task<Authorization> ReverseAsync(string authorizationId, Money? amount = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = Context(options);
        return Retry(() => Router.Reverse(context, authorizationId, amount), cancellationToken);
    }

    /// <summary>
    /// Reverses the authorization sent with <paramref name="originalIdempotencyKey"/> when its answer never came.
    /// If it has not arrived, it never will take credit.
    /// </summary>
    public Task<Authorization> ReverseByRequestAsync(string grantId, string originalIdempotencyKey, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = Context(options);
        return Retry(() => Router.ReverseByRequest(context, grantId, originalIdempotencyKey), cancellationToken);
    }

    public Task<Refund> RefundAsync(string captureId, Money amount, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = Context(options);
        return Retry(() => Router.Refund(context, captureId, amount), cancellationToken);
    }

    public Task<Authorization> GetAuthorizationAsync(string authorizationId, CancellationToken cancellationToken = default) =>
        Retry(() => Router.GetAuthorization(caller, authorizationId), cancellationToken);

    private IPaymentRouterGrain Router => grains.GetGrain<IPaymentRouterGrain>(0);

    private ICreditAccountGrain Account(string? accountId) => grains.GetGrain<ICreditAccountGrain>(Ids.Require(accountId, "accountId"));

    private IVirtualCardGrain CardGrain(string cardId) => grains.GetGrain<IVirtualCardGrain>(Ids.Require(cardId, "cardId"));

    private IAuthorizationGrantGrain GrantGrain(string grantId) => grains.GetGrain<IAuthorizationGrantGrain>(Ids.Require(grantId, "grantId"));

    private RequestContext Context(RequestOptions? options) => new RequestContext(caller, Key(options)).Validated();

    private static string Key(RequestOptions? options) => (options ?? new RequestOptions()).KeyOrNew();

    private async Task<T> Retry<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt < retriesMax && IsRetryable(exception))
            {
                // Exponential backoff with full jitter; safe only because the idempotency key is the same.
                var ceiling = backoffBase.TotalMilliseconds * (1 << attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsRetryable(Exception exception) => exception switch
    {
        SwitchException switchException => switchException.IsRetryable,
        TimeoutException => true,
        SiloUnavailableException => true,
        OrleansMessageRejectionException => true,
        _ => false,
    };
}
