using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>Bounds of the cross-account monitors and of each silo's verdict cache.</summary>
public sealed class VerdictOptions
{
    /// <summary>
    /// The longest window a cross-account rule may use: monitors keep decisions this long (by the switch's clock). A silo
    /// sets it from <see cref="RiskOptions.CrossAccountWindowMax"/>, which the rules' validation holds them to.
    /// </summary>
    public TimeSpan WindowMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Decisions one monitor keeps at most (the oldest go first); a verdict carries them all.</summary>
    public int EntriesPerSubjectMax { get; set; } = 512;

    /// <summary>Subjects (devices, IPs, merchants) one silo's cache holds at most; past it the least recently updated go.</summary>
    public int CachedSubjectsMax { get; set; } = 100_000;

    /// <summary>The promised bound on the verdict lag (a decision made durable to every silo's cache); tests and the benchmark hold it.</summary>
    public TimeSpan LagBound { get; set; } = TimeSpan.FromMilliseconds(250);
}

internal sealed class VerdictOptionsValidator : IValidateOptions<VerdictOptions>
{
    public ValidateOptionsResult Validate(string? name, VerdictOptions options)
    {
        var failures = new List<string>();
        if (options.WindowMax <= TimeSpan.Zero || options.WindowMax > TimeSpan.FromDays(1))
        {
            failures.Add($"{nameof(options.WindowMax)} must be more than 0 and at most 1 day.");
        }

        if (options.EntriesPerSubjectMax is < 1 or > 10_000)
        {
            failures.Add($"{nameof(options.EntriesPerSubjectMax)} must be from 1 to 10000 (a verdict carries them all).");
        }

        if (options.CachedSubjectsMax is < 1 or > 10_000_000)
        {
            failures.Add($"{nameof(options.CachedSubjectsMax)} must be from 1 to 10000000.");
        }

        if (options.LagBound <= TimeSpan.Zero || options.LagBound > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{nameof(options.LagBound)} must be more than 0 and at most 10 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
