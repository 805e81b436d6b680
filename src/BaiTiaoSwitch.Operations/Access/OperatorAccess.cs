using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Operations.Access;

/// <summary>
/// The door of the operators' surfaces (see <see cref="OperatorOptions"/>). The credential is compared in constant time.
/// A refusal is <c>401</c> with a Basic challenge, so a browser asks the operator for it.
/// </summary>
public sealed class OperatorAccess(IOptions<OperatorOptions> options)
{
    public const string Realm = "BaiTiaoSwitch operators";
    private readonly byte[]? credential = options.Value.Credential is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret) : null;
    private readonly bool openOnLoopback = options.Value.OpenOnLoopback;

    public bool Allows(HttpContext context) =>
        (openOnLoopback && IsLoopback(context)) || (credential is not null && Presented(context.Request.Headers.Authorization.ToString()) is { } given
            && CryptographicOperations.FixedTimeEquals(given, credential));

    /// <summary>Answers 401 with the challenge, and says so in plain text (never which part was wrong).</summary>
    public static Task Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("The operators' console needs the operator credential (Operator:Credential).\n");
    }

    /// <summary>
    /// A loopback peer that no proxy forwarded: a request relayed through a local reverse proxy carries
    /// X-Forwarded-For and is not treated as local.
    /// </summary>
    private static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded");

    private static byte[]? Presented(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetBytes(header[7..].Trim());
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? null : Encoding.UTF8.GetBytes(pair[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }
}

public static class OperatorAccessExtensions
{
    /// <summary>Registers <see cref="OperatorAccess"/> with its options (section <c>Operator</c>), validated at start.</summary>
    public static IServiceCollection AddOperatorAccess(this IServiceCollection services, Action<OperatorOptions>? configure = null)
    {
        var options = services.AddOptions<OperatorOptions>().BindConfiguration("Operator").ValidateOnStart();
        if (configure is not null)
        {
            options.PostConfigure(configure);
        }

        services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>();
        services.AddSingleton<OperatorAccess>();
        return services;
    }

    /// <summary>Every request under one of <paramref name="prefixes"/> passes the operators' door first.</summary>
    public static IApplicationBuilder UseOperatorAccess(this IApplicationBuilder app, params string[] prefixes)
    {
        var paths = prefixes.Select(prefix => new PathString(prefix)).ToArray();
        return app.Use(async (context, next) =>
        {
            if (paths.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase))
                && !context.RequestServices.GetRequiredService<OperatorAccess>().Allows(context))
            {
                await OperatorAccess.Refuse(context);
                return;
            }

            await next(context);
        });
    }
}
