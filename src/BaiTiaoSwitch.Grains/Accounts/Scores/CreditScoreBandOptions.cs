using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Accounts;

/// <summary>One score band: from <see cref="ScoreMin"/> up to the next band's minimum, the line's credit limit is
/// <see cref="LimitPercent"/> percent of the limit the issuer last set.</summary>
public sealed class CreditScoreBand
{
    public int ScoreMin { get; set; }

    public int LimitPercent { get; set; }
}

/// <summary>
/// The credit score bands (configuration section <c>CreditScoreBands</c>). A line's credit limit is the limit the issuer
/// last set times its band's percent, rounded down to the fen. Empty <see cref="Bands"/> means the defaults of API.md:
/// 700 and above 100%, 600–699 80%, 500–599 50%, below 500 20%.
/// </summary>
public sealed class CreditScoreBandOptions
{
    /// <summary>The lowest and highest score an account may have (<see cref="CreditScores"/>).</summary>
    public const int ScoreMin = CreditScores.Min;

    public const int ScoreMax = CreditScores.Max;

    private static readonly IReadOnlyList<CreditScoreBand> Defaults =
    [
        new() { ScoreMin = 700, LimitPercent = 100 },
        new() { ScoreMin = 600, LimitPercent = 80 },
        new() { ScoreMin = 500, LimitPercent = 50 },
        new() { ScoreMin = 0, LimitPercent = 20 },
    ];

    /// <summary>The bands, in any order. One must start at <see cref="ScoreMin"/>; a higher band never has a lower percent.</summary>
    public List<CreditScoreBand> Bands { get; set; } = [];

    /// <summary>The bands in force, highest first.</summary>
    public IReadOnlyList<CreditScoreBand> Effective => (Bands.Count == 0 ? Defaults : Bands).OrderByDescending(band => band.ScoreMin).ToList();
}

/// <summary>Names every bad band setting at start.</summary>
internal sealed class CreditScoreBandOptionsValidator : IValidateOptions<CreditScoreBandOptions>
{
    public ValidateOptionsResult Validate(string? name, CreditScoreBandOptions options)
    {
        var failures = new List<string>();
        var bands = options.Effective;
        for (var index = 0; index < bands.Count; index++)
        {
            var band = bands[index];
            var setting = $"{nameof(options.Bands)}[{nameof(band.ScoreMin)}={band.ScoreMin}]";
            if (band.ScoreMin is < CreditScoreBandOptions.ScoreMin or > CreditScoreBandOptions.ScoreMax)
            {
                failures.Add($"{setting}.{nameof(band.ScoreMin)} must be from {CreditScoreBandOptions.ScoreMin} to {CreditScoreBandOptions.ScoreMax}.");
            }

            if (band.LimitPercent is < 0 or > 100)
            {
                failures.Add($"{setting}.{nameof(band.LimitPercent)} must be from 0 to 100.");
            }

            if (index > 0 && bands[index - 1].ScoreMin == band.ScoreMin)
            {
                failures.Add($"{setting}.{nameof(band.ScoreMin)} {band.ScoreMin} is the minimum of two bands.");
            }

            if (index > 0 && bands[index - 1].LimitPercent < band.LimitPercent)
            {
                failures.Add($"{setting}.{nameof(band.LimitPercent)} must not be more than the percent of a higher band.");
            }
        }

        if (bands.Count == 0 || bands[^1].ScoreMin != CreditScoreBandOptions.ScoreMin)
        {
            failures.Add($"{nameof(options.Bands)} must have a band starting at {CreditScoreBandOptions.ScoreMin}, so that every score has a band.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
