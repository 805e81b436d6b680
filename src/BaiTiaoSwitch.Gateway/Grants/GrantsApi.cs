using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaiTiaoSwitch.Gateway.Grants;

/// <summary>
/// Grants (授权): a wallet reads and revokes its own; the issuer suspends and resumes. Another channel's grant
/// answers 404, exactly as if it did not exist (the grant grain enforces this for the caller it verified).
/// </summary>
public static class GrantsApi
{
    public static IEndpointRouteBuilder MapGrantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapV1("Grants");
        api.MapGet("/grants/{grantId}", Get).ForRole(ChannelRole.Wallet).Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound)
            .WithSummary("Read one of this channel's grants");
        api.MapDelete("/grants/{grantId}", Revoke).ForRole(ChannelRole.Wallet).Recorded(GatewayJson.Default.EmptyBody)
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Revoke one of this channel's grants (final; open holds may still be captured or reversed)");
        api.MapPost("/grants/{grantId}/suspend", Suspend).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.EmptyBody).Accepts<EmptyBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.InvalidTransition, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Suspend a grant");
        api.MapPost("/grants/{grantId}/resume", Resume).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.EmptyBody).Accepts<EmptyBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.InvalidTransition, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Resume a suspended grant");
        return app;
    }

    public static async Task<Ok<GrantResponse>> Get(HttpContext context, string grantId)
    {
        var signed = context.Signed();
        var grant = await signed.Channel.Client.GetGrantAsync(Ids.Require(grantId, "grantId"), context.RequestAborted);
        return TypedResults.Ok(grant.ToWire(signed.Caller));
    }

    public static async Task<Ok<GrantResponse>> Revoke(HttpContext context, string grantId)
    {
        var signed = context.Signed();
        Ids.Require(grantId, "grantId");
        RequestBody.Read(context, GatewayJson.Default.EmptyBody);
        var grant = await signed.Channel.Client.RevokeGrantAsync(grantId, signed.KeyOptions, context.RequestAborted);
        return TypedResults.Ok(grant.ToWire(signed.Caller));
    }

    public static async Task<Ok<GrantResponse>> Suspend(HttpContext context, string grantId)
    {
        var signed = context.Signed();
        Ids.Require(grantId, "grantId");
        RequestBody.Read(context, GatewayJson.Default.EmptyBody);
        return TypedResults.Ok((await signed.Channel.Client.SuspendGrantAsync(grantId, signed.KeyOptions, context.RequestAborted)).ToWire(signed.Caller));
    }

    public static async Task<Ok<GrantResponse>> Resume(HttpContext context, string grantId)
    {
        var signed = context.Signed();
        Ids.Require(grantId, "grantId");
        RequestBody.Read(context, GatewayJson.Default.EmptyBody);
        return TypedResults.Ok((await signed.Channel.Client.ResumeGrantAsync(grantId, signed.KeyOptions, context.RequestAborted)).ToWire(signed.Caller));
    }
}
