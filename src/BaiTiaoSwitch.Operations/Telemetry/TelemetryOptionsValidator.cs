using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Operations.Telemetry;

/// <summary>Names every bad telemetry setting at start.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.OtlpEndpoint is { Length: > 0 } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"Telemetry:OtlpEndpoint must be an absolute http or https address of an OTLP collector, not '{endpoint}'.");
        }

        if (options.OtlpProtocol is not ("grpc" or "http"))
        {
            failures.Add("Telemetry:OtlpProtocol must be grpc or http.");
        }

        if (options.OtlpExportInterval < TimeSpan.FromSeconds(1) || options.OtlpExportInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Telemetry:OtlpExportInterval must be from 1 second to 10 minutes.");
        }

        if (options.TraceSampleRatio is < 0 or > 1 || double.IsNaN(options.TraceSampleRatio))
        {
            failures.Add("Telemetry:TraceSampleRatio must be from 0 to 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
