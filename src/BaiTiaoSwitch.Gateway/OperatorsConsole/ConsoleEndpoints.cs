namespace BaiTiaoSwitch.Gateway.OperatorsConsole;

/// <summary>
/// The console's page and its files (embedded in the gateway: nothing comes from a CDN). The page's live feed is the
/// API's own <c>GET /v1/events</c>, through the console's relay (<see cref="ConsoleRelay"/>). Everything under
/// <c>/console</c> is behind the operators' door (<see cref="OperatorsEdge"/>).
/// </summary>
public static class ConsoleEndpoints
{
    public const string Path = "/console";

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
        ["console.css"] = "text/css; charset=utf-8",
        ["uPlot.iife.min.js"] = "text/javascript; charset=utf-8",
        ["uPlot.min.css"] = "text/css; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapOperatorsConsole(this IEndpointRouteBuilder app)
    {
        // Routing does not tell /console from /console/, but the page's relative links need the trailing slash.
        app.MapGet(Path, Index).ExcludeFromDescription();
        app.MapGet(Path + "/{file}", (HttpContext context, string file) => Serve(context, file)).ExcludeFromDescription();
        return app;
    }

    private static Task Index(HttpContext context)
    {
        if (context.Request.Path.Value!.EndsWith('/'))
        {
            return Serve(context, "index.html");
        }

        context.Response.Redirect(context.Request.PathBase + Path + "/");
        return Task.CompletedTask;
    }

    private static async Task Serve(HttpContext context, string file)
    {
        if (!Files.TryGetValue(file, out var contentType)
            || typeof(ConsoleEndpoints).Assembly.GetManifestResourceStream("OperatorsConsole/" + file) is not { } content)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await using (content)
        {
            Secure(context.Response);
            context.Response.ContentType = contentType;
            context.Response.ContentLength = content.Length;
            await content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    /// <summary>Only this gateway's own files and calls; never framed; never cached.</summary>
    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
