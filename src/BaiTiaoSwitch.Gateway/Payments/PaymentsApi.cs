using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using BaiTiaoSwitch.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaiTiaoSwitch.Gateway.Payments;

/// <summary>
/// Wallet payment routes: authorize, increment, capture, reverse, refund. A decline is 200 with a reason. The
/// Idempotency-Key goes to the credit account, which records it with the payment in the same durable write, so a
/// replay returns the original result and the same key with other parameters is refused with 409.
/// </summary>
public static class PaymentsApi
{
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapV1("Payments");
        string[] common = [ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.InvalidAmount, ErrorCodes.CurrencyNotSupported, ErrorCodes.IdempotencyKeyReused, ErrorCodes.OutcomeUnknown, ErrorCodes.Overloaded];
        api.MapPost("/authorizations", (Delegate)Authorize).ForRole(ChannelRole.Wallet).Accepts<AuthorizeBody>("application/json").Errors(common)
            .WithSummary("Authorize a payment through one of this channel's grants (by grantId or walletToken): places a hold; a decline is 200 with a reason");
        api.MapGet("/authorizations/{authorizationId}", Get).ForRole(ChannelRole.Wallet).Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound)
            .WithSummary("Read an authorization made through one of this channel's grants");
        api.MapPost("/authorizations/{authorizationId}/increments", Increment).ForRole(ChannelRole.Wallet).Accepts<AmountBody>("application/json")
            .Errors([.. common, ErrorCodes.AuthorizationNotOpen])
            .WithSummary("Add to an open hold; declined (200 with a reason) when limits or credit do not allow it");
        api.MapPost("/authorizations/{authorizationId}/captures", Capture).ForRole(ChannelRole.Wallet).Accepts<CaptureBody>("application/json")
            .Errors([.. common, ErrorCodes.AuthorizationNotOpen, ErrorCodes.CaptureExceedsAuthorization])
            .WithSummary("Capture (partial and repeatable; final closes the hold). Above the hold or after expiry it posts as over-limit");
        api.MapPost("/authorizations/{authorizationId}/reversals", Reverse).ForRole(ChannelRole.Wallet).Accepts<ReversalBody>("application/json")
            .Errors([.. common, ErrorCodes.AuthorizationNotOpen, ErrorCodes.ReversalExceedsRemaining])
            .WithSummary("Reverse part of the open hold, or all that remains when amount is omitted");
        api.MapPost("/captures/{captureId}/refunds", Refund).ForRole(ChannelRole.Wallet).Accepts<AmountBody>("application/json")
            .Errors([.. common, ErrorCodes.RefundExceedsCaptured])
            .WithSummary("Refund part of a capture (repeatable; never more than captured)");
        return app;
    }

    public static async Task<Ok<AuthorizationResponse>> Authorize(HttpContext context)
    {
        var signed = context.Signed();
        var body = RequestBody.Read(context, GatewayJson.Default.AuthorizeBody);
        if ((body.GrantId is null) == (body.WalletToken is null))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "Give exactly one of 'grantId' and 'walletToken'.");
        }

        var grantId = body.GrantId is null ? null : Ids.Require(body.GrantId, "grantId");
        var walletToken = body.WalletToken is null ? null : Ids.Require(body.WalletToken, "walletToken");
        var amount = body.Amount.ToMoney("amount");
        var merchant = body.Merchant is { Id: { } id, Name: { } name, Mcc: { } mcc, Country: { } country }
            ? new Merchant(id, name, mcc, country).Validated()
            : throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'merchant' is required with 'id', 'name', 'mcc' and 'country'.");
        var authorization = await signed.Channel.Client.AuthorizeAsync(new AuthorizeRequest(grantId, walletToken, amount, merchant), signed.KeyOptions, context.RequestAborted);
        return TypedResults.Ok(authorization.ToWire());
    }

    public static async Task<Ok<AuthorizationResponse>> Get(HttpContext context, string authorizationId) =>
        TypedResults.Ok((await context.Signed().Channel.Client.GetAuthorizationAsync(Ids.Require(authorizationId, "authorizationId"), context.RequestAborted)).ToWire());

    public static async Task<Ok<AuthorizationResponse>> Increment(HttpContext context, string authorizationId)
    {
        var signed = context.Signed();
        Ids.Require(authorizationId, "authorizationId");
        var amount = RequestBody.Read(context, GatewayJson.Default.AmountBody).Amount.ToMoney("amount");
        return TypedResults.Ok((await signed.Channel.Client.IncrementAsync(authorizationId, amount, signed.KeyOptions, context.RequestAborted)).ToWire());
    }

    public static async Task<Created<CaptureResponse>> Capture(HttpContext context, string authorizationId)
    {
        var signed = context.Signed();
        Ids.Require(authorizationId, "authorizationId");
        var body = RequestBody.Read(context, GatewayJson.Default.CaptureBody);
        var amount = body.Amount.ToMoney("amount");
        var capture = await signed.Channel.Client.CaptureAsync(authorizationId, amount, body.Final ?? false, signed.KeyOptions, context.RequestAborted);
        return TypedResults.Created($"/v1/authorizations/{authorizationId}", capture.ToWire());
    }

    public static async Task<Ok<AuthorizationResponse>> Reverse(HttpContext context, string authorizationId)
    {
        var signed = context.Signed();
        Ids.Require(authorizationId, "authorizationId");
        var body = RequestBody.Read(context, GatewayJson.Default.ReversalBody);
        Money? amount = body.Amount is null ? null : body.Amount.ToMoney("amount");
        return TypedResults.Ok((await signed.Channel.Client.ReverseAsync(authorizationId, amount, signed.KeyOptions, context.RequestAborted)).ToWire());
    }

    public static async Task<Created<RefundResponse>> Refund(HttpContext context, string captureId)
    {
        var signed = context.Signed();
        Ids.Require(captureId, "captureId");
        var amount = RequestBody.Read(context, GatewayJson.Default.AmountBody).Amount.ToMoney("amount");
        var refund = await signed.Channel.Client.RefundAsync(captureId, amount, signed.KeyOptions, context.RequestAborted);
        return TypedResults.Created($"/v1/captures/{captureId}", refund.ToWire());
    }
}
