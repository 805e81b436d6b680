using System.Buffers;
using System.Globalization;
using BaiTiaoSwitch.Gateway.Channels;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Problems;
using BaiTiaoSwitch.HttpEdge.Nonces;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.Signing;

/// <summary>
/// The edge of every route but health and OpenAPI, in order: body size, signature (channel, timestamp window, nonce shape,
/// HMAC in constant time, then nonce replay in the cluster), channel role, Idempotency-Key. Then, after the route
/// ran, any bodiless error status becomes a problem.
/// </summary>
public sealed partial class SignedRequestMiddleware(
    RequestDelegate next,
    ChannelRegistry channels,
    TimeProvider time,
    IOptions<GatewayOptions> options,
    ILogger<SignedRequestMiddleware> logger)
{
    private readonly int bodySizeMax = options.Value.BodySizeMaxBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        if (RequestParts.IsPublic(context.Request.Path))
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > bodySizeMax)
        {
            await ApiProblems.Write(context, GatewayErrorCodes.BodyTooLarge, $"Request bodies are at most {bodySizeMax} bytes.");
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(bodySizeMax + 1);
        try
        {
            var length = await RequestParts.ReadBody(context.Request.Body, buffer, context.RequestAborted);
            if (length > bodySizeMax)
            {
                await ApiProblems.Write(context, GatewayErrorCodes.BodyTooLarge, $"Request bodies are at most {bodySizeMax} bytes.");
                return;
            }

            var channel = await Authenticate(context, buffer.AsMemory(0, length));
            if (channel is null)
            {
                await ApiProblems.Write(context, ErrorCodes.Unauthenticated, "The request could not be authenticated. Check the channel, the clock, the nonce and the signature as the API describes them.");
                return;
            }

            if (context.GetEndpoint()?.Metadata.GetMetadata<ChannelRoleMetadata>() is { } required && required.Role != channel.Caller.Role)
            {
                await ApiProblems.Write(context, ErrorCodes.Forbidden, $"This route serves {(required.Role == ChannelRole.Issuer ? "issuer" : "wallet")} channels only.");
                return;
            }

            string? idempotencyKey = null;
            if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method))
            {
                idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
                if (!Ids.IsWellFormed(idempotencyKey))
                {
                    await ApiProblems.Write(context, GatewayErrorCodes.IdempotencyKeyInvalid);
                    return;
                }
            }

            context.Features.Set(new SignedRequest(channel, buffer.AsMemory(0, length), idempotencyKey));
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null or 0)
            {
                await ApiProblems.Write(context, context.Response.StatusCode switch
                {
                    404 => ErrorCodes.NotFound,
                    405 => GatewayErrorCodes.MethodNotAllowed,
                    _ => ErrorCodes.InvalidRequest,
                });
            }
        }
        catch (Exception exception) when (ClusterFailures.IsTransient(exception, context) && !context.Response.HasStarted)
        {
            LogClusterUnreachable(exception.GetType().Name);
            await ApiProblems.Write(context, GatewayErrorCodes.Unavailable);
        }
        catch (SwitchException exception) when (exception.IsRetryable && !context.Response.HasStarted)
        {
            // The nonce memory asks the caller to sign again (it restarted after the request was signed) or is full.
            await ApiProblems.Write(context, exception.Code, exception.Message);
        }
        catch (Exception exception) when (exception is UnauthenticatedException or ForbiddenException && !context.Response.HasStarted)
        {
            // The nonce memory refused this gateway's proof of the channel: a misconfigured cluster key, not the caller's fault.
            LogClusterRefusedGateway(((SwitchException)exception).Code);
            await ApiProblems.Write(context, GatewayErrorCodes.InternalError);
        }
        finally
        {
            context.Features.Set<SignedRequest>(null);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<ChannelRegistry.Channel?> Authenticate(HttpContext context, ReadOnlyMemory<byte> body)
    {
        var headers = context.Request.Headers;
        var channelId = headers["X-BTS-Channel"].ToString();
        var timestamp = headers["X-BTS-Timestamp"].ToString();
        var nonce = headers["X-BTS-Nonce"].ToString();
        var signature = headers["X-BTS-Signature"].ToString();
        if (channelId.Length == 0 || timestamp.Length == 0 || nonce.Length == 0 || signature.Length == 0)
        {
            return Refuse(UnauthenticatedReason.MissingHeader, null);
        }

        var channel = channels.Find(channelId);
        if (channel is null)
        {
            return Refuse(UnauthenticatedReason.UnknownChannel, null);
        }

        if (timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return Refuse(UnauthenticatedReason.MalformedTimestamp, channel);
        }

        if (!ReplayWindow.IsFresh(time.GetUtcNow(), seconds))
        {
            return Refuse(UnauthenticatedReason.StaleTimestamp, channel);
        }

        if (nonce.Length is < 16 or > 64 || !RequestParts.IsAlphanumeric(nonce))
        {
            return Refuse(UnauthenticatedReason.MalformedNonce, channel);
        }

        if (!RequestSignature.IsValid(channel.Key, context.Request.Method, RequestParts.PathAndQuery(context), timestamp, nonce, body.Span, signature))
        {
            return Refuse(UnauthenticatedReason.BadSignature, channel);
        }

        // Only a correctly signed request may spend the nonce memory, and only its own channel's.
        // The nonce memory checks the timestamp again: it refuses what it cannot vouch for (see ReplayWindow, NonceGrain).
        if (!await channel.Edge.TryUseNonceAsync(nonce, seconds))
        {
            return Refuse(UnauthenticatedReason.ReplayedNonce, channel);
        }

        return channel;
    }

    private ChannelRegistry.Channel? Refuse(UnauthenticatedReason reason, ChannelRegistry.Channel? channel)
    {
        // The channel is named only when it is configured: a header the caller made up is never logged.
        LogUnauthenticated(reason, channel?.Caller.Channel ?? "(unknown)");
        return null;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Request refused as unauthenticated: {Reason} (channel {Channel})")]
    private partial void LogUnauthenticated(UnauthenticatedReason reason, string channel);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "The cluster could not be reached while authenticating a request: {ExceptionType}")]
    private partial void LogClusterUnreachable(string exceptionType);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "The cluster refused this gateway's proof of a channel ({Code}) while authenticating a request: check Gateway:Channels:<n>:ClusterKey against the silos' BaiTiaoSwitch:Callers")]
    private partial void LogClusterRefusedGateway(string code);
}
