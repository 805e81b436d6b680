using BaiTiaoSwitch.Gateway.Grants;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaiTiaoSwitch.Gateway.Cards;

/// <summary>Issuer routes on virtual cards (分卡). A card is shown with its last 4 digits only.</summary>
public static class CardsApi
{
    public static IEndpointRouteBuilder MapCardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapV1("Cards");
        api.MapGet("/cards/{cardId}", Get).ForRole(ChannelRole.Issuer).Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound)
            .WithSummary("Read a card (never its number)");
        api.MapPost("/cards/{cardId}/freeze", Freeze).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.EmptyBody).Accepts<EmptyBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.InvalidTransition, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Freeze a card: no new approval through it");
        api.MapPost("/cards/{cardId}/unfreeze", Unfreeze).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.EmptyBody).Accepts<EmptyBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.InvalidTransition, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Unfreeze a card");
        api.MapPost("/cards/{cardId}/cancel", Cancel).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.EmptyBody).Accepts<EmptyBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.InvalidTransition, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Cancel a card (final)");
        api.MapGet("/cards/{cardId}/grants", ListGrants).ForRole(ChannelRole.Issuer).Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound)
            .WithSummary("List the card's grants (wallet tokens are shown to their own channel only, so never here)");
        return app;
    }

    public static async Task<Ok<CardResponse>> Get(HttpContext context, string cardId) =>
        TypedResults.Ok((await context.Signed().Channel.Client.GetCardAsync(Ids.Require(cardId, "cardId"), context.RequestAborted)).ToWire());

    public static async Task<Ok<CardResponse>> Freeze(HttpContext context, string cardId)
    {
        var signed = context.Signed();
        Ids.Require(cardId, "cardId");
        RequestBody.Read(context, GatewayJson.Default.EmptyBody);
        return TypedResults.Ok((await signed.Channel.Client.FreezeCardAsync(cardId, signed.KeyOptions, context.RequestAborted)).ToWire());
    }

    public static async Task<Ok<CardResponse>> Unfreeze(HttpContext context, string cardId)
    {
        var signed = context.Signed();
        Ids.Require(cardId, "cardId");
        RequestBody.Read(context, GatewayJson.Default.EmptyBody);
        return TypedResults.Ok((await signed.Channel.Client.UnfreezeCardAsync(cardId, signed.KeyOptions, context.RequestAborted)).ToWire());
    }

    public static async Task<Ok<CardResponse>> Cancel(HttpContext context, string cardId)
    {
        var signed = context.Signed();
        Ids.Require(cardId, "cardId");
        RequestBody.Read(context, GatewayJson.Default.EmptyBody);
        return TypedResults.Ok((await signed.Channel.Client.CancelCardAsync(cardId, signed.KeyOptions, context.RequestAborted)).ToWire());
    }

    public static async Task<Ok<GrantListResponse>> ListGrants(HttpContext context, string cardId)
    {
        var signed = context.Signed();
        var grants = await signed.Channel.Client.ListGrantsAsync(Ids.Require(cardId, "cardId"), context.RequestAborted);
        return TypedResults.Ok(new GrantListResponse(grants.Select(grant => grant.ToWire(signed.Caller)).ToList()));
    }
}
