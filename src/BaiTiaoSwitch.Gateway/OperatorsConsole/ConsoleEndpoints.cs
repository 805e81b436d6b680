using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.OperatorsConsole;

/// <summary>
/// The console's page and its files (embedded in the gateway: nothing comes from a CDN), and its own live feed at
/// <c>/console/feed</c>. Everything under <c>/console</c> is behind the operators' door (<see cref="OperatorsEdge"/>).
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
        app.MapGet(Path + "/feed", Feed).ExcludeFromDescription();
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

    /// <summary>Server-sent events: the recent events, then each new one; a comment line every heartbeat keeps proxies from closing it.</summary>
    private static async Task Feed(HttpContext context, ConsoleFeed feed, IOptions<ConsoleOptions> options)
    {
        Secure(context.Response);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        using var listener = feed.Listen();
        var body = context.Response.Body;
        var cancel = context.RequestAborted;
        var buffer = new ArrayBufferWriter<byte>(1024);
        await body.WriteAsync("retry: 2000\n\n"u8.ToArray(), cancel);
        await body.FlushAsync(cancel);
        try
        {
            // "ready": from here on, every event the switch publishes reaches this page.
            await feed.Following.WaitAsync(cancel);
            await body.WriteAsync("event: ready\ndata: {}\n\n"u8.ToArray(), cancel);
            await body.FlushAsync(cancel);
            while (!cancel.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                beat.CancelAfter(options.Value.FeedHeartbeat);
                bool more;
                try
                {
                    more = await listener.Events.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    await body.WriteAsync(": heartbeat\n\n"u8.ToArray(), cancel);
                    await body.FlushAsync(cancel);
                    continue;
                }

                if (!more)
                {
                    return;
                }

                while (listener.Events.TryRead(out var item))
                {
                    buffer.ResetWrittenCount();
                    buffer.Write(Encoding.UTF8.GetBytes($"id: {item.EventId}\nevent: {ConsoleEventWire.Kind(item)}\ndata: "));
                    using (var json = new Utf8JsonWriter(buffer))
                    {
                        ConsoleEventWire.Write(json, item);
                    }

                    buffer.Write("\n\n"u8);
                    await body.WriteAsync(buffer.WrittenMemory, cancel);
                }

                await body.FlushAsync(cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The page went away.
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
