namespace BaiTiaoSwitch.Gateway.Idempotency;

/// <summary>An answer exactly as it was first sent: the same status and the same bytes.</summary>
public sealed class StoredResult(int status, string contentType, byte[] body) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => status;

    public string? ContentType => contentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body).AsTask();
    }
}
