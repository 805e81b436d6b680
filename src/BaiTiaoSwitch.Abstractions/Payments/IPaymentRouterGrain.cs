namespace BaiTiaoSwitch.Payments;

/// <summary>
/// The entry point of every payment. A stateless worker in each silo: it resolves token → grant → account from
/// an immutable, cached mapping and forwards to the account grain, so routing never queues behind payments.
/// </summary>
public interface IPaymentRouterGrain : IGrainWithIntegerKey
{
    Task<Authorization> Authorize(RequestContext context, AuthorizeRequest request);

    Task<Authorization> Increment(RequestContext context, string authorizationId, Money amount);

    Task<Capture> Capture(RequestContext context, string authorizationId, Money amount, bool final);

    Task<Authorization> Reverse(RequestContext context, string authorizationId, Money? amount);

    Task<Authorization> ReverseByRequest(RequestContext context, string grantId, string originalIdempotencyKey);

    Task<Refund> Refund(RequestContext context, string captureId, Money amount);

    Task<Authorization> GetAuthorization(Caller caller, string authorizationId);
}
