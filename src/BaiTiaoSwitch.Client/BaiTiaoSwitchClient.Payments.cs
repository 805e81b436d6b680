using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Client;

// Payments (wallet)
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>Places a hold. A decline is a value (<see cref="Authorization.Reason"/>), not an exception.</summary>
    public Task<Authorization> AuthorizeAsync(AuthorizeRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WritePayment(options, key => Router.Authorize(key, request), cancellationToken);

    public Task<Authorization> IncrementAsync(string authorizationId, Money amount, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WritePayment(options, key => Router.Increment(key, authorizationId, amount), cancellationToken);

    public Task<Capture> CaptureAsync(string authorizationId, Money amount, bool final = false, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        calls.Write(Key(options), key => Router.Capture(key, authorizationId, amount, final), static (capture, key) => capture with { IdempotencyKey = key }, cancellationToken);

    /// <summary>Reverses <paramref name="amount"/> of the hold, or all that remains when null.</summary>
    public Task<Authorization> ReverseAsync(string authorizationId, Money? amount = null, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WritePayment(options, key => Router.Reverse(key, authorizationId, amount), cancellationToken);

    /// <summary>
    /// Reverses the authorization sent with <paramref name="originalIdempotencyKey"/> when its answer never came
    /// (the key is on <see cref="OutcomeUnknownException.IdempotencyKey"/>). If it has not arrived, it never will take credit.
    /// </summary>
    public Task<Authorization> ReverseByRequestAsync(string grantId, string originalIdempotencyKey, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        WritePayment(options, key => Router.ReverseByRequest(key, grantId, originalIdempotencyKey), cancellationToken);

    public Task<Refund> RefundAsync(string captureId, Money amount, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        calls.Write(Key(options), key => Router.Refund(key, captureId, amount), static (refund, key) => refund with { IdempotencyKey = key }, cancellationToken);

    public Task<Authorization> GetAuthorizationAsync(string authorizationId, CancellationToken cancellationToken = default) =>
        calls.Read(() => Router.GetAuthorization(authorizationId), cancellationToken);

    private IPaymentRouterGrain Router => grains.GetGrain<IPaymentRouterGrain>(0);

    private Task<Authorization> WritePayment(RequestOptions? options, Func<string, Task<Authorization>> call, CancellationToken cancellationToken) =>
        calls.Write(Key(options), call, static (authorization, key) => authorization with { IdempotencyKey = key }, cancellationToken);
}
