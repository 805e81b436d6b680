using System.Globalization;
using System.Security.Cryptography;
using BaiTiaoSwitch.Gateway.Channels;
using BaiTiaoSwitch.Gateway.Problems;
using BaiTiaoSwitch.Gateway.Signing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.OperatorsConsole;

/// <summary>
/// The console's way into the API: a request to <c>/console/api/v1/…</c> (already let in by the operators' door) becomes
/// the same request to <c>/v1/…</c>, signed as API.md says with the secret of <see cref="ConsoleOptions.Channel"/>, and
/// goes on through the ordinary edge (signature, nonce, role, idempotency) and routes. So the page uses the API's own
/// contract — GET /v1/events, GET /v1/alerts, POST /v1/alerts/{id}/resolve, the issuer's unfreeze routes — and nothing
/// the console does can exceed what that issuer channel may do. Runs before routing.
/// </summary>
public sealed class ConsoleRelay(RequestDelegate next, ChannelRegistry channels, TimeProvider time, IOptions<ConsoleOptions> options)
{
    public static readonly PathString Prefix = "/console/api";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase, out var rest)
            || !rest.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var channel = channels.Find(options.Value.Channel);
        if (channel is null || channel.Caller.Role != ChannelRole.Issuer)
        {
            await ApiProblems.Write(context, GatewayErrorCodes.InternalError, "The console has no issuer channel to act as (Console:Channel).");
            return;
        }

        // The body is read once here to sign it, then given back to the edge, which reads it again.
        context.Request.EnableBuffering();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Request.Body.Position = 0;

        var target = rest.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        Span<byte> signature = stackalloc byte[32];
        RequestSignature.Compute(channel.Key, context.Request.Method, target, timestamp, nonce, body.GetBuffer().AsSpan(0, (int)body.Length), signature);

        context.Request.Path = rest;
        if (context.Features.Get<IHttpRequestFeature>() is { } request)
        {
            request.RawTarget = target;
        }

        var headers = context.Request.Headers;
        headers["X-BTS-Channel"] = channel.Caller.Channel;
        headers["X-BTS-Timestamp"] = timestamp;
        headers["X-BTS-Nonce"] = nonce;
        headers["X-BTS-Signature"] = Convert.ToBase64String(signature);
        await next(context);
    }
}
