using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Gateway.Grants;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaiTiaoSwitch.Gateway.Bindings;

/// <summary>
/// Identity-verified binding: the wallet's user proves the four elements, then the one-time code sent to the
/// holder's phone on record. A refusal never says which element failed.
/// </summary>
public static class BindingsApi
{
    public static IEndpointRouteBuilder MapBindingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapV1("Bindings");
        api.MapPost("/bindings", (Delegate)Start).ForRole(ChannelRole.Wallet).Recorded(GatewayJson.Default.BindingBody).Accepts<BindingBody>("application/json")
            .Errors(ErrorCodes.VerificationFailed, ErrorCodes.VerificationLocked, ErrorCodes.ChannelNotConfigured, ErrorCodes.IdempotencyKeyReused, ErrorCodes.OutcomeUnknown)
            .WithSummary("Start binding a card to this wallet; a one-time code goes to the holder's phone on record");
        api.MapPost("/bindings/{grantId}/verify", Verify).ForRole(ChannelRole.Wallet).Recorded(GatewayJson.Default.VerifyBody).Accepts<VerifyBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.OtpInvalid, ErrorCodes.VerificationLocked, ErrorCodes.IdempotencyKeyReused, ErrorCodes.OutcomeUnknown)
            .WithSummary("Verify the one-time code: the grant becomes active and its walletToken is returned");
        return app;
    }

    public static async Task<Accepted<GrantResponse>> Start(HttpContext context)
    {
        var signed = context.Signed();
        var body = RequestBody.Read(context, GatewayJson.Default.BindingBody);
        var cardNumber = body.CardNumber ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'cardNumber' is required.");
        var request = new BindingRequest(cardNumber, body.Holder.ToHolder()).Validated();
        var grant = await signed.Channel.Client.StartBindingAsync(request, signed.KeyOptions, context.RequestAborted);
        return TypedResults.Accepted($"/v1/grants/{grant.GrantId}", grant.ToWire(signed.Caller));
    }

    public static async Task<Ok<GrantResponse>> Verify(HttpContext context, string grantId)
    {
        var signed = context.Signed();
        Ids.Require(grantId, "grantId");
        var body = RequestBody.Read(context, GatewayJson.Default.VerifyBody);
        if (body.Otp is null)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'otp' is required: the 6-digit code sent to the holder's phone.");
        }

        var grant = await signed.Channel.Client.VerifyBindingAsync(grantId, body.Otp, signed.KeyOptions, context.RequestAborted);
        return TypedResults.Ok(grant.ToWire(signed.Caller));
    }
}
