using BaiTiaoSwitch.Operations.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Operators;

/// <summary>
/// Spans are recorded only when they go somewhere: a host with no OTLP collector registers no tracer, so no HTTP request
/// or grain call builds a span for nothing (it cost 40% of a signed read's CPU); with a collector, or a tracing hook,
/// it does. Metrics are always on (Prometheus at /metrics).
/// </summary>
public sealed class TracingSwitchTests
{
    [Fact]
    public void A_host_without_a_collector_records_no_spans_but_keeps_its_metrics()
    {
        using var host = Host(new Dictionary<string, string?>());

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void A_host_with_a_collector_or_a_tracing_hook_records_spans()
    {
        using var exporting = Host(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" });
        using var hooked = Host(new Dictionary<string, string?>(), tracing: _ => { });

        Assert.NotNull(exporting.Services.GetService<TracerProvider>());
        Assert.NotNull(hooked.Services.GetService<TracerProvider>());
    }

    private static IHost Host(Dictionary<string, string?> settings, Action<TracerProviderBuilder>? tracing = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBaiTiaoSwitchTelemetry("tracing-switch-test", tracing);
        return builder.Build();
    }
}
