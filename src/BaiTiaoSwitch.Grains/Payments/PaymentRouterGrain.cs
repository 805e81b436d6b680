using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Security;
using Orleans.Concurrency;

namespace BaiTiaoSwitch.Payments;

/// <summary>
/// Routes each payment to its account grain: token → grant → account. A stateless worker with a per-silo cache of
/// immutable routes, so a grant carries as many concurrent payments as its line can take. The caller is the one its
/// token proved; the account grain sees the same caller, since the token travels with the forwarded call.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class PaymentRouterGrain(GrantRouteCache cache, FieldProtector protector) : Grain, IPaymentRouterGrain
{
    public Task<GrantRoute> Route(string grantId) => RouteOfGrant(grantId);

    public async Task<Authorization> Authorize(string idempotencyKey, AuthorizeRequest request)
    {
        if (request is null || (request.GrantId is null) == (request.WalletToken is null))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "Send exactly one of 'grantId' and 'walletToken'.");
        }

        var grantId = request.GrantId ?? await ResolveToken(request.WalletToken!);
        var route = await RouteOfGrant(grantId);
        var command = new AuthorizeCommand(route.GrantId, route.CardId, request.Amount, request.Merchant, request.Device);
        return await Account(route).Authorize(idempotencyKey, command);
    }

    public async Task<Authorization> Increment(string idempotencyKey, string authorizationId, Money amount) =>
        await Account(await RouteOf(authorizationId)).Increment(idempotencyKey, authorizationId, amount);

    public async Task<Capture> Capture(string idempotencyKey, string authorizationId, Money amount, bool final) =>
        await Account(await RouteOf(authorizationId)).Capture(idempotencyKey, authorizationId, amount, final);

    public async Task<Authorization> Reverse(string idempotencyKey, string authorizationId, Money? amount) =>
        await Account(await RouteOf(authorizationId)).Reverse(idempotencyKey, authorizationId, amount);

    public async Task<Authorization> ReverseByRequest(string idempotencyKey, string grantId, string originalIdempotencyKey) =>
        await Account(await RouteOfGrant(grantId)).ReverseByRequest(idempotencyKey, grantId, originalIdempotencyKey);

    public async Task<Refund> Refund(string idempotencyKey, string captureId, Money amount) =>
        await Account(await RouteOf(captureId)).Refund(idempotencyKey, captureId, amount);

    public async Task<Authorization> GetAuthorization(string authorizationId) =>
        await Account(await RouteOf(authorizationId)).GetAuthorization(authorizationId);

    private async Task<string> ResolveToken(string walletToken)
    {
        if (walletToken.Length is < 8 or > Ids.IdLengthMax)
        {
            throw new NotFoundException("No such grant.");
        }

        return await GrainFactory.GetGrain<IWalletTokenGrain>(protector.LookupHash(walletToken, Purposes.WalletToken)).Find()
            ?? throw new NotFoundException("No such grant.");
    }

    private Task<GrantRoute> RouteOf(string paymentId) =>
        RouteOfGrant(PaymentIds.GrantIdOf(paymentId) ?? throw new NotFoundException("No such authorization or capture."));

    private async Task<GrantRoute> RouteOfGrant(string grantId)
    {
        CurrentCaller.Require();
        Ids.Require(grantId, "grantId");
        if (!cache.TryGet(grantId, out var route))
        {
            route = await GrainFactory.GetGrain<IAuthorizationGrantGrain>(grantId).GetRoute();
            cache.Add(route);
        }

        // A wallet channel never reaches another channel's grant: it does not exist for them.
        if (!CurrentCaller.MaySee(route.Channel))
        {
            throw new NotFoundException("No such grant.");
        }

        return route;
    }

    private ICreditAccountGrain Account(GrantRoute route) => GrainFactory.GetGrain<ICreditAccountGrain>(route.AccountId);
}
