using System.Globalization;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaiTiaoSwitch.Gateway.Alerts;

/// <summary>Issuer routes on alerts: rule firings, forced postings over the limit, credit-score drops.</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapV1("Alerts");
        api.MapGet("/alerts", List).ForRole(ChannelRole.Issuer).Errors(ErrorCodes.InvalidRequest, ErrorCodes.InvalidId)
            .WithSummary("List alerts, newest first: filter by accountId, kind, since (RFC 3339, inclusive); limit 1 to 500, 50 by default");
        api.MapPost("/alerts/{alertId}/resolve", Resolve).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.ResolveAlertBody).Accepts<ResolveAlertBody>("application/json")
            .Errors(ErrorCodes.InvalidRequest, ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Label an alert fraud or legitimate (the labels feed backtests); a later label replaces an earlier one");
        return app;
    }

    public static async Task<Ok<AlertListResponse>> List(HttpContext context, string? accountId, string? kind, string? since, string? limit)
    {
        var signed = context.Signed();
        var query = new AlertQuery(
            accountId is null ? null : Ids.Require(accountId, "accountId"),
            kind is null || AlertWire.Kinds.Contains(kind) ? kind : throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'kind' must be a rule kind, over_limit or credit_score_drop."),
            since is null ? null : Since(since),
            limit is null ? AlertQuery.LimitDefault : Limit(limit));
        var alerts = await signed.Channel.Client.ListAlertsAsync(query, context.RequestAborted);
        return TypedResults.Ok(new AlertListResponse([.. alerts.Select(alert => alert.ToWire())]));
    }

    public static async Task<Ok<AlertResponse>> Resolve(HttpContext context, string alertId)
    {
        var signed = context.Signed();
        Ids.Require(alertId, "alertId");
        var outcome = RequestBody.Read(context, GatewayJson.Default.ResolveAlertBody).Outcome.ToOutcome();
        return TypedResults.Ok((await signed.Channel.Client.ResolveAlertAsync(alertId, outcome, signed.KeyOptions, context.RequestAborted)).ToWire());
    }

    private static DateTimeOffset Since(string since) =>
        DateTimeOffset.TryParseExact(since, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'since' must be an RFC 3339 timestamp, e.g. 2026-11-30T12:00:00Z.");

    private static int Limit(string limit) =>
        int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= AlertQuery.LimitMax
            ? count
            : throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'limit' must be a whole number from 1 to {AlertQuery.LimitMax}.");
}
