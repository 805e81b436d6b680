using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Gateway.Contracts;
using BaiTiaoSwitch.Gateway.Signing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaiTiaoSwitch.Gateway.Api;

/// <summary>
/// Identity-verified binding: the wallet's user proves the four elements, then the one-time code sent to the
/// holder's phone on record. A refusal never says which element failed.
/// </summary>
public static class BindingsApi
{
    public static IEndpointRouteBuilder MapBindingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapV1("Bindings");
        api.MapPost("/bindings", Start).ForRole(ChannelRole.Wallet).Recorded(GatewayJson.Default.BindingBody).Accepts<BindingBody>("application/json")
            .Errors(ErrorCodes.VerificationFailed, ErrorCodes.VerificationLocked, ErrorCodes.ChannelNotConfigured, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Start binding a card to this wallet; a one-time code goes to the holder's phone on record");
        api.MapPost("/bindings/{grantId}/verify", Verify).ForRole(ChannelRole.Wallet).Recorded(GatewayJson.Default.VerifyBody).Accepts<VerifyBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.OtpInvalid, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Verify the one-time code: the grant becomes active and its walletToken is returned");
        return app;
    }

    public static async Task<Accepted<GrantResponse>> Start(HttpContext context, IGrainFactory grains)
    {
        var signed = context.Signed();
        var body = RequestBody.Read(context, GatewayJson.Default.BindingBody);
        var cardNumber = body.CardNumber ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'cardNumber' is required.");
        var request = new BindingRequest(cardNumber, body.Holder.ToHolder());
        var grant = await grains.GetGrain<IBindingDeskGrain>(0).Start(new RequestContext(signed.Caller, signed.IdempotencyKey!), request.Validated());
        return TypedResults.Accepted($"/v1/grants/{grant.GrantId}", grant.ToWire(signed.Caller));
    }

    public static async Task<Ok<GrantResponse>> Verify(HttpContext context, IGrainFactory grains, string grantId)
    {
        var signed = context.Signed();
        Ids.Require(grantId, "grantId");
        var body = RequestBody.Read(context, GatewayJson.Default.VerifyBody);
        if (body.Otp is null)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'otp' is required: the 6-digit code sent to the holder's phone.");
        }

        var grant = await grains.GetGrain<IBindingAttemptGrain>(grantId).Verify(signed.Caller, body.Otp);
        return TypedResults.Ok(grant.ToWire(signed.Caller));
    }
}
