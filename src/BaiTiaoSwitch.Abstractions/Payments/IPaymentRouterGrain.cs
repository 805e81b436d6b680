using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Payments;

/// <summary>
/// The entry point of payments made by wallet token, and where the SDK learns a grant's route. A stateless worker in each silo: it resolves token → grant → account from
/// an immutable, cached mapping and forwards to the account grain, so routing never queues behind payments.
/// A wallet channel reaches only payments made through its own grants; anything else is not_found.
/// </summary>
public interface IPaymentRouterGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Where payments through <paramref name="grantId"/> go, for the SDK to call the account directly from then on.
    /// A wallet learns only its own grants' routes; any other grant is not_found.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<GrantRoute> Route(string grantId);

    Task<Authorization> Authorize(string idempotencyKey, AuthorizeRequest request);

    Task<Authorization> Increment(string idempotencyKey, string authorizationId, Money amount);

    Task<Capture> Capture(string idempotencyKey, string authorizationId, Money amount, bool final);

    Task<Authorization> Reverse(string idempotencyKey, string authorizationId, Money? amount);

    Task<Authorization> ReverseByRequest(string idempotencyKey, string grantId, string originalIdempotencyKey);

    Task<Refund> Refund(string idempotencyKey, string captureId, Money amount);

    Task<Authorization> GetAuthorization(string authorizationId);
}
