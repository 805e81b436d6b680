using System.Text.Json;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;

namespace BaiTiaoSwitch.Gateway.Events;

/// <summary>
/// <c>GET /v1/events</c>: Server-Sent Events of every decision and alert, for issuer channels. Each event's <c>id</c>
/// is the position to resume after it: a client that reconnects with <c>Last-Event-ID</c> gets what the replay
/// buffers still hold after it (<c>EventReplayMax</c> per stream), then the live events; without it, live events only.
/// </summary>
public static class EventsApi
{
    /// <summary>The longest Last-Event-ID accepted (a position in every stream).</summary>
    public const int PositionLengthMax = 512;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapV1("Events").MapGet("/events", (Delegate)Follow).ForRole(ChannelRole.Issuer).Errors(ErrorCodes.InvalidRequest)
            .Produces<EventResponse>(StatusCodes.Status200OK, "text/event-stream")
            .WithSummary("Server-Sent Events: every decision and alert as it happens (event: decision|alert, data: Event); resumes after Last-Event-ID");
        return app;
    }

    public static async Task Follow(HttpContext context)
    {
        var signed = context.Signed();
        var after = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        if (after is { Length: > PositionLengthMax } || (after is not null && !after.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_')))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "Last-Event-ID must be the id of an event this route sent.");
        }

        // Where "now" is, before the answer starts: an event made once the follower has the headers is never missed.
        var from = string.IsNullOrEmpty(after) ? await signed.Channel.Client.EventsPositionAsync(context.RequestAborted) : after;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await foreach (var followed in signed.Channel.Client.FollowEventsAsync(from, context.RequestAborted))
            {
                var data = JsonSerializer.Serialize(followed.Event.ToWire(), GatewayJson.Default.EventResponse);
                await context.Response.WriteAsync($"id: {followed.Position}\nevent: {followed.Event.Kind}\ndata: {data}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The follower went away.
        }
    }
}
