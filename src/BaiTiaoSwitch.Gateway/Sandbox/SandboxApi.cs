using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.Sandbox;

public sealed record SandboxOtpResponse(string Otp)
{
    public override string ToString() => "SandboxOtpResponse(***)";
}

/// <summary>Sandbox mode only: the route does not exist in production (404), so no code can be read there.</summary>
public static class SandboxApi
{
    public static IEndpointRouteBuilder MapSandboxApi(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value.Mode != GatewayMode.Sandbox)
        {
            return app;
        }

        var api = app.MapV1("Sandbox");
        api.MapGet("/sandbox/otp", LastOtp).ForRole(ChannelRole.Issuer).Errors(ErrorCodes.NotFound)
            .WithSummary("Sandbox only: the last one-time code sent to a phone, so integrators and tests can complete a binding");
        api.MapPost("/sandbox/accounts/{accountId}/clock", AdvanceClock).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.SandboxClockBody)
            .Accepts<SandboxClockBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.IdempotencyKeyReused, ErrorCodes.OutcomeUnknown, ErrorCodes.Overloaded)
            .WithSummary("Sandbox only: move an account's test clock forward and run everything that came due, in order")
            .WithDescription("Each account has its own clock in sandbox mode: the switch's clock plus the account's offset. Moving it forward (never back) cuts "
                + "every statement whose cut it passes, then runs due dates, late fees and hold expiry, in order, each exactly once. `advanceSeconds` is a whole "
                + "number of seconds from 1 to the switch's most (400 days by default; else `400 invalid_request`). The answer's `now` is the account's clock "
                + "after the advance (RFC 3339 UTC). In production mode the route does not exist (`404`).");
        return app;
    }

    public static async Task<Ok<SandboxClockResponse>> AdvanceClock(HttpContext context, string accountId)
    {
        var signed = context.Signed();
        Ids.Require(accountId, "accountId");
        var seconds = RequestBody.Read(context, GatewayJson.Default.SandboxClockBody).AdvanceSeconds is { } advance and >= 1
            ? advance
            : throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'advanceSeconds' is required: a whole number of seconds, at least 1 (the clock never goes back).");
        var clock = await signed.Channel.Client.AdvanceSandboxClockAsync(accountId, seconds, signed.KeyOptions, context.RequestAborted);
        return TypedResults.Ok(clock.ToWire());
    }

    public static async Task<Ok<SandboxOtpResponse>> LastOtp(HttpContext context, string? phone)
    {
        if (string.IsNullOrEmpty(phone) || phone.Length > 32)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'phone' is required: the holder's phone as it was given.");
        }

        var code = await context.Signed().Channel.Edge.SandboxLastOtpAsync(phone);
        return code is null
            ? throw new NotFoundException("No one-time code was sent to this phone.")
            : TypedResults.Ok(new SandboxOtpResponse(code));
    }
}
