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

        app.MapV1("Sandbox").MapGet("/sandbox/otp", LastOtp).ForRole(ChannelRole.Issuer).Errors(ErrorCodes.NotFound)
            .WithSummary("Sandbox only: the last one-time code sent to a phone, so integrators and tests can complete a binding");
        return app;
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
