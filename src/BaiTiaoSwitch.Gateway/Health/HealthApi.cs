using BaiTiaoSwitch.Gateway.Channels;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.Health;

public sealed record HealthResponse(string Status);

/// <summary>Unauthenticated probes. Ready means the gateway reached the cluster just now, as one of its channels.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", Live).WithTags("Health").WithSummary("The process is up");
        app.MapGet("/health/ready", Ready).WithTags("Health").WithSummary("The gateway can reach the cluster");
        return app;
    }

    public static Ok<HealthResponse> Live() => TypedResults.Ok(new HealthResponse("live"));

    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(ChannelRegistry channels, IOptions<GatewayOptions> options)
    {
        try
        {
            if (channels.Any is { } channel && await channel.Client.CountActiveSilosAsync().WaitAsync(options.Value.ReadinessTimeout) > 0)
            {
                return TypedResults.Ok(new HealthResponse("ready"));
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not ready is the answer; the reason is the cluster's to log.
        }

        return TypedResults.Json(new HealthResponse("unavailable"), GatewayJson.Default.HealthResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
