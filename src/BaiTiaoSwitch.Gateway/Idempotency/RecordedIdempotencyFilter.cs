using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BaiTiaoSwitch.Gateway.Problems;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using BaiTiaoSwitch.HttpEdge.Idempotency;

namespace BaiTiaoSwitch.Gateway.Idempotency;

/// <summary>
/// For routes whose core operation has no idempotency record of its own: the answer to (channel, Idempotency-Key)
/// is recorded in the cluster (through the channel's <see cref="HttpEdge.HttpEdgeClient"/>, so a channel reaches only
/// its own records), and the same request again gets the same status and bytes. Payment routes do not use it: the
/// credit account records their idempotency with the payment itself, in the same durable write.
/// </summary>
public sealed partial class RecordedIdempotencyFilter(ILogger<RecordedIdempotencyFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var signed = http.Signed();
        if (Malformed(http) is { } refusal)
        {
            return refusal;
        }

        var records = signed.Channel.Edge;
        var key = signed.IdempotencyKey!;
        var fingerprint = Fingerprint(http, signed.Body.Span);
        var claim = await records.BeginRecordAsync(key, fingerprint);
        switch (claim.Kind)
        {
            case IdempotencyClaimKind.Replay:
                return new StoredResult(claim.Response!.Status, claim.Response.ContentType, claim.Response.Body);
            case IdempotencyClaimKind.Conflict:
                return ApiProblems.Result(ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was used before with another request. Use a new key for a new request.");
            case IdempotencyClaimKind.InProgress:
                http.Response.Headers.RetryAfter = "1";
                return ApiProblems.Result(GatewayErrorCodes.IdempotencyKeyInUse);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch (SwitchException exception)
        {
            result = ProblemFilter.ToProblem(exception, http, logger);
        }
        catch
        {
            await records.AbandonRecordAsync(key, fingerprint);
            throw;
        }

        if (result is not (IStatusCodeHttpResult { StatusCode: { } status and < 500 } and IValueHttpResult { Value: { } value }))
        {
            await records.AbandonRecordAsync(key, fingerprint);
            return result;
        }

        var contentType = value is Problem ? ApiProblems.ContentType : "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(value, GatewayJson.Default.GetTypeInfo(value.GetType())!);
        try
        {
            await records.CompleteRecordAsync(key, fingerprint, new StoredResponse(status, contentType, body));
        }
        catch (Exception exception)
        {
            // The operation ran; only its record is missing. The answer still goes out, and a retry runs again
            // against the core's own guards (creation ids derive from the key, transitions are idempotent).
            LogRecordFailed(exception.GetType().Name);
        }

        // The recorded bytes go out the first time too, so a replay is byte-for-byte the same answer.
        return new StoredResult(status, contentType, body);
    }

    /// <summary>Ids in the path and the shape of the body, checked before the key is claimed: nothing malformed is recorded.</summary>
    private static IResult? Malformed(HttpContext context)
    {
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string id && !Ids.IsWellFormed(id))
            {
                return ApiProblems.Result(ErrorCodes.InvalidId, $"'{name}' must be 1 to {Ids.IdLengthMax} characters of [A-Za-z0-9_-].");
            }
        }

        try
        {
            RequestBody.Check(context, context.GetEndpoint()!.Metadata.GetRequiredMetadata<RecordedIdempotencyMetadata>().Body);
            return null;
        }
        catch (InvalidRequestException exception)
        {
            return ApiProblems.FromException(exception);
        }
    }

    /// <summary>SHA-256 over method, path and body: the same key with any other request is a conflict.</summary>
    private static string Fingerprint(HttpContext context, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(context.Request.Method + "\n" + context.Request.Path.Value + "\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "An idempotency record could not be written: {ExceptionType}. The answer was sent without it.")]
    private partial void LogRecordFailed(string exceptionType);
}
