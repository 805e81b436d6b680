using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Client;

// Payments (wallet): one hop. A payment by grant id (and every later operation on it) goes straight to its account
// grain over a learned route; only a payment by wallet token goes through the router, which resolves the token.
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>Places a hold. A decline is a value (<see cref="Authorization.Reason"/>), not an exception.</summary>
    public Task<Authorization> AuthorizeAsync(AuthorizeRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        request is { GrantId: { } grantId, WalletToken: null }
            ? WritePayment(options, async key =>
            {
                var route = await Route(grantId).ConfigureAwait(false);
                return await Line(route).Authorize(key, new AuthorizeCommand(route.GrantId, route.CardId, request.Amount, request.Merchant, request.Device)).ConfigureAwait(false);
            }, cancellationToken)
            : WritePayment(options, key => Router.Authorize(key, request), cancellationToken);

    public Task<Authorization> IncrementAsync(string authorizationId, Money amount, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WritePayment(options, async key => await (await LineOf(authorizationId).ConfigureAwait(false)).Increment(key, authorizationId, amount).ConfigureAwait(false), cancellationToken);

    public Task<Capture> CaptureAsync(string authorizationId, Money amount, bool final = false, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        calls.Write(Key(options), async key => await (await LineOf(authorizationId).ConfigureAwait(false)).Capture(key, authorizationId, amount, final).ConfigureAwait(false),
            static (capture, key) => capture with { IdempotencyKey = key }, cancellationToken);

    /// <summary>Reverses <paramref name="amount"/> of the hold, or all that remains when null.</summary>
    public Task<Authorization> ReverseAsync(string authorizationId, Money? amount = null, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WritePayment(options, async key => await (await LineOf(authorizationId).ConfigureAwait(false)).Reverse(key, authorizationId, amount).ConfigureAwait(false), cancellationToken);

    /// <summary>
    /// Reverses the authorization sent with <paramref name="originalIdempotencyKey"/> when its answer never came
    /// (the key is on <see cref="OutcomeUnknownException.IdempotencyKey"/>). If it has not arrived, it never will take credit.
    /// </summary>
    public Task<Authorization> ReverseByRequestAsync(string grantId, string originalIdempotencyKey, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WritePayment(options, async key => await Line(await Route(grantId).ConfigureAwait(false)).ReverseByRequest(key, grantId, originalIdempotencyKey).ConfigureAwait(false), cancellationToken);

    public Task<Refund> RefundAsync(string captureId, Money amount, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        calls.Write(Key(options), async key => await (await LineOf(captureId).ConfigureAwait(false)).Refund(key, captureId, amount).ConfigureAwait(false),
            static (refund, key) => refund with { IdempotencyKey = key }, cancellationToken);

    public Task<Authorization> GetAuthorizationAsync(string authorizationId, CancellationToken cancellationToken = default) =>
        calls.Read(async () => await (await LineOf(authorizationId).ConfigureAwait(false)).GetAuthorization(authorizationId).ConfigureAwait(false), cancellationToken);

    private IPaymentRouterGrain Router => grains.GetGrain<IPaymentRouterGrain>(0);

    private Task<GrantRoute> Route(string grantId) => routes.Of(grantId, id => Router.Route(id));

    private async Task<ICreditAccountGrain> LineOf(string paymentId) => Line(await Route(PaymentRoutes.GrantOf(Ids.Require(paymentId, "id"))).ConfigureAwait(false));

    private ICreditAccountGrain Line(GrantRoute route) => grains.GetGrain<ICreditAccountGrain>(route.AccountId);

    private Task<Authorization> WritePayment(RequestOptions? options, Func<string, Task<Authorization>> call, CancellationToken cancellationToken) =>
        calls.Write(Key(options), call, static (authorization, key) => authorization with { IdempotencyKey = key }, cancellationToken);
}
