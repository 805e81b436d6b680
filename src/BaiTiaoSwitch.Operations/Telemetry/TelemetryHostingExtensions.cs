using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BaiTiaoSwitch.Operations.Telemetry;

/// <summary>
/// OpenTelemetry for a host of the switch (silo or gateway): the switch's meter and Orleans' own, the switch's and
/// Orleans' activity sources (Orleans propagates the trace across grain calls: <c>AddActivityPropagation</c>),
/// Prometheus text at <c>/metrics</c>, and OTLP export when <see cref="TelemetryOptions.OtlpEndpoint"/> is set.
/// </summary>
public static class TelemetryHostingExtensions
{
    public const string Section = "Telemetry";

    /// <summary>The switch's meter (<c>SwitchMetrics</c> in the core) and the Orleans runtime's.</summary>
    public static readonly string[] Meters = ["BaiTiaoSwitch", "Microsoft.Orleans"];

    /// <summary>
    /// The switch's own spans and Orleans' spans of application grain calls (client and server side of every hop). The
    /// runtime's own calls (membership, directory) are left out: they are not part of a payment.
    /// </summary>
    public static readonly string[] ActivitySources = ["BaiTiaoSwitch.*", "Microsoft.Orleans.Application"];

    public static IHostApplicationBuilder AddBaiTiaoSwitchTelemetry(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        // Whether to export at all is decided once, at start, from the same settings the validator checks.
        var settings = builder.Configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = string.IsNullOrWhiteSpace(settings.OtlpEndpoint) || new TelemetryOptionsValidator().Validate(null, settings).Failed
            ? null
            : settings;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
            .WithMetrics(meters =>
            {
                meters.AddMeter(Meters).AddPrometheusExporter();
                if (otlp is not null)
                {
                    meters.AddOtlpExporter((exporter, reader) =>
                    {
                        Otlp(exporter, otlp);
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)otlp.OtlpExportInterval.TotalMilliseconds;
                    });
                }

                metrics?.Invoke(meters);
            });

        // Spans are recorded only when they go somewhere. A tracer with no exporter still made every HTTP request and
        // every grain call (client and server side of each hop) build and tag its span, for nothing: a signed read took
        // 40% less CPU without it (docs/benchmarks.md). Without a listener, Orleans and ASP.NET Core make no span.
        if (otlp is not null || tracing is not null)
        {
            telemetry.WithTracing(traces =>
            {
                // Incoming HTTP requests start the trace; scrapes and probes are not traced.
                traces.AddAspNetCoreInstrumentation(http => http.Filter = context => !IsOperational(context.Request.Path))
                    .AddSource(ActivitySources).SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSampleRatio is >= 0 and <= 1 ? settings.TraceSampleRatio : 1.0)));
                if (otlp is not null)
                {
                    traces.AddOtlpExporter(exporter => Otlp(exporter, otlp));
                }

                tracing?.Invoke(traces);
            });
        }

        return builder;
    }

    /// <summary>Prometheus text exposition of every metric above, at <c>GET /metrics</c>.</summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app) => app.MapPrometheusScrapingEndpoint("/metrics");

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase);

    private static void Otlp(OtlpExporterOptions exporter, TelemetryOptions settings)
    {
        exporter.Endpoint = new Uri(settings.OtlpEndpoint!);
        exporter.Protocol = settings.OtlpProtocol == "http" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }
}
