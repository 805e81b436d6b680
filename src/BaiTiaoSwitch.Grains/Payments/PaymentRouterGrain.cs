using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Security;
using Orleans.Concurrency;

namespace BaiTiaoSwitch.Payments;

/// <summary>
/// Routes each payment to its account grain: token → grant → account. A stateless worker with a per-silo cache of
/// immutable routes, so a grant carries as many concurrent payments as its line can take.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class PaymentRouterGrain(GrantRouteCache cache, FieldProtector protector) : Grain, IPaymentRouterGrain
{
    public async Task<Authorization> Authorize(RequestContext context, AuthorizeRequest request)
    {
        if (request is null || (request.GrantId is null) == (request.WalletToken is null))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "Send exactly one of 'grantId' and 'walletToken'.");
        }

        var grantId = request.GrantId ?? await ResolveToken(request.WalletToken!);
        var route = await Route(context.Caller, grantId);
        var command = new AuthorizeCommand(route.GrantId, route.CardId, request.Amount, request.Merchant);
        return await Account(route).Authorize(context, command);
    }

    public async Task<Authorization> Increment(RequestContext context, string authorizationId, Money amount) =>
        await Account(await RouteOf(context.Caller, authorizationId)).Increment(context, authorizationId, amount);

    public async Task<Capture> Capture(RequestContext context, string authorizationId, Money amount, bool final) =>
        await Account(await RouteOf(context.Caller, authorizationId)).Capture(context, authorizationId, amount, final);

    public async Task<Authorization> Reverse(RequestContext context, string authorizationId, Money? amount) =>
        await Account(await RouteOf(context.Caller, authorizationId)).Reverse(context, authorizationId, amount);

    public async Task<Authorization> ReverseByRequest(RequestContext context, string grantId, string originalIdempotencyKey) =>
        await Account(await Route(context.Caller, grantId)).ReverseByRequest(context, grantId, originalIdempotencyKey);

    public async Task<Refund> Refund(RequestContext context, string captureId, Money amount) =>
        await Account(await RouteOf(context.Caller, captureId)).Refund(context, captureId, amount);

    public async Task<Authorization> GetAuthorization(Caller caller, string authorizationId) =>
        await Account(await RouteOf(caller, authorizationId)).GetAuthorization(caller, authorizationId);

    private async Task<string> ResolveToken(string walletToken)
    {
        if (walletToken.Length is < 8 or > Ids.IdLengthMax)
        {
            throw new NotFoundException("No such grant.");
        }

        return await GrainFactory.GetGrain<IWalletTokenGrain>(protector.LookupHash(walletToken, Purposes.WalletToken)).Find()
            ?? throw new NotFoundException("No such grant.");
    }

    private Task<GrantRoute> RouteOf(Caller caller, string paymentId) =>
        Route(caller, PaymentIds.GrantIdOf(paymentId) ?? throw new NotFoundException("No such authorization or capture."));

    private async Task<GrantRoute> Route(Caller caller, string grantId)
    {
        Ids.Require(caller?.Channel, "channel");
        Ids.Require(grantId, "grantId");
        if (!cache.TryGet(grantId, out var route))
        {
            route = await GrainFactory.GetGrain<IAuthorizationGrantGrain>(grantId).GetRoute();
            cache.Add(route);
        }

        // A wallet channel never reaches another channel's grant: it does not exist for them.
        if (!caller!.IsIssuer && route.Channel != caller.Channel)
        {
            throw new NotFoundException("No such grant.");
        }

        return route;
    }

    private ICreditAccountGrain Account(GrantRoute route) => GrainFactory.GetGrain<ICreditAccountGrain>(route.AccountId);
}
