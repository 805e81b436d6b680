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
        if (options.OtpWrongTriesMax is < 1 or > 10)
        {
            failures.Add($"{nameof(options.OtpWrongTriesMax)} must be from 1 to 10.");
        }

        if (options.FailuresBeforeLockMax is < 1 or > 100)
        {
            failures.Add($"{nameof(options.FailuresBeforeLockMax)} must be from 1 to 100.");
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
}
