using Microsoft.AspNetCore.Http.Features;

namespace BaiTiaoSwitch.Gateway.Signing;

/// <summary>The parts of a request that the edge reads before it trusts it: which routes are public, the body, the nonce and the signed target.</summary>
internal static class RequestParts
{
    /// <summary>
    /// The only routes served without a signature. Everything else is signed, including paths that match no route
    /// (routing ignores case, so a prefix test like "/v1" would let "/V1/..." through unsigned).
    /// </summary>
    public static bool IsPublic(PathString path) =>
        path.Equals("/health/live", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/health/ready", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/openapi/v1.json", StringComparison.OrdinalIgnoreCase)
        || IsOperators(path);

    /// <summary>
    /// The operators' surfaces: not signed by a channel, but behind the operators' door (OperatorAccess), which runs first.
    /// The console's relay has already turned /console/api/v1/… into a signed /v1/… request by then.
    /// </summary>
    public static bool IsOperators(PathString path) =>
        path.Equals("/metrics", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase);

    public static async ValueTask<int> ReadBody(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length;
    }

    public static bool IsAlphanumeric(string nonce)
    {
        foreach (var c in nonce)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The request target exactly as the caller sent it, which is what it signed.</summary>
    public static string PathAndQuery(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return !string.IsNullOrEmpty(raw) && raw[0] == '/'
            ? raw
            : context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
    }
}
