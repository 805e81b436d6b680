using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Operations.Access;
using BaiTiaoSwitch.Operations.Telemetry;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Gateway.OperatorsConsole;

/// <summary>
/// The gateway's operators' edge: OpenTelemetry (Prometheus text at <c>/metrics</c>, OTLP when configured) and the
/// console at <c>/console</c>, both behind the operators' door: open from loopback in sandbox mode, otherwise the
/// operator credential (<c>Operator:Credential</c>) or 401.
/// </summary>
public static class OperatorsEdge
{
    public const string ServiceName = "baitiao-switch-gateway";

    public static WebApplicationBuilder AddOperatorsEdge(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOperatorAccess();
        services.AddOptions<OperatorOptions>().PostConfigure<IOptions<Hosting.GatewayOptions>>((access, gateway) =>
            access.OpenOnLoopback = gateway.Value.Mode == GatewayMode.Sandbox);
        builder.AddBaiTiaoSwitchTelemetry(ServiceName);

        services.AddOptions<ConsoleOptions>().BindConfiguration("Console").ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();

        return builder;
    }

    /// <summary>Before routing: the operators' door, then the console's signing relay into the API.</summary>
    public static WebApplication UseOperatorsEdge(this WebApplication app)
    {
        app.UseOperatorAccess(ConsoleEndpoints.Path, "/metrics");
        app.UseMiddleware<ConsoleRelay>();
        return app;
    }

    public static WebApplication MapOperatorsEdge(this WebApplication app)
    {
        app.MapMetrics();
        app.MapOperatorsConsole();
        return app;
    }
}
