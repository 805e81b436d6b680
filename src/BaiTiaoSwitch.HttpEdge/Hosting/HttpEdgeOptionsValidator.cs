using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.HttpEdge.Hosting;

/// <summary>Names every bad setting at start.</summary>
internal sealed class HttpEdgeOptionsValidator : IValidateOptions<HttpEdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpEdgeOptions options)
    {
        var failures = new List<string>();
        if (options.IdempotencyRetention < TimeSpan.FromHours(24))
        {
            failures.Add($"{nameof(options.IdempotencyRetention)} must be at least 24 hours (the API promises it).");
        }

        if (options.IdempotencyClaimTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.IdempotencyClaimTimeout)} must be greater than zero.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
