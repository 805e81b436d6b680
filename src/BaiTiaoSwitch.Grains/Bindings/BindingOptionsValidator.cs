using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Bindings;

/// <summary>Names every bad setting at start.</summary>
internal sealed class BindingOptionsValidator : IValidateOptions<BindingOptions>
{
    public ValidateOptionsResult Validate(string? name, BindingOptions options)
    {
        var failures = new List<string>();
        Positive(options.OtpLifetime, nameof(options.OtpLifetime), failures);
        Positive(options.FailureWindow, nameof(options.FailureWindow), failures);
        Positive(options.LockDuration, nameof(options.LockDuration), failures);
        Range(options.OtpWrongTriesMax, 1, 10, nameof(options.OtpWrongTriesMax), failures);
        Range(options.FailuresBeforeLockMax, 1, 100, nameof(options.FailuresBeforeLockMax), failures);
        Range(options.CodeGuessesPerCardPerHourMax, 1, 100, nameof(options.CodeGuessesPerCardPerHourMax), failures);
        Range(options.CodesPerPhonePerHourMax, 1, 100, nameof(options.CodesPerPhonePerHourMax), failures);
        if (options.RefusalTimeMin < TimeSpan.Zero || options.RefusalTimeMin > TimeSpan.FromSeconds(5))
        {
            failures.Add($"{nameof(options.RefusalTimeMin)} must be from 0 to 5 seconds.");
        }

        if (options.AttemptRetention < TimeSpan.FromHours(24))
        {
            failures.Add($"{nameof(options.AttemptRetention)} must be at least 24 hours (idempotency keys are kept that long).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be greater than zero.");
        }
    }

    private static void Range(int value, int min, int max, string name, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{name} must be from {min} to {max}.");
        }
    }
}
