namespace BaiTiaoSwitch.Operations.Telemetry;

/// <summary>
/// OpenTelemetry export of one process (section <c>Telemetry</c>). Metrics are always served as Prometheus text at
/// <c>/metrics</c>; metrics and traces also go to an OTLP collector when <see cref="OtlpEndpoint"/> is set.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>…:4318</c> with <see cref="OtlpProtocol"/> http. None by default.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http</c> (protobuf over HTTP).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>How often metrics are pushed to the OTLP collector.</summary>
    public TimeSpan OtlpExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The share of traces kept, from 0 to 1 (parent-based: a trace the caller sampled is kept).</summary>
    public double TraceSampleRatio { get; set; } = 1.0;
}
