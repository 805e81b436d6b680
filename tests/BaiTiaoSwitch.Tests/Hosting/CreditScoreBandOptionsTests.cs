using BaiTiaoSwitch.Accounts;
using Xunit;

namespace BaiTiaoSwitch.Tests.Hosting;

/// <summary>The score bands: API.md's defaults when none are configured, and every bad band named at start.</summary>
public sealed class CreditScoreBandOptionsTests
{
    [Theory]
    [InlineData(1_000, 100)]
    [InlineData(700, 100)]
    [InlineData(699, 80)]
    [InlineData(600, 80)]
    [InlineData(599, 50)]
    [InlineData(500, 50)]
    [InlineData(499, 20)]
    [InlineData(0, 20)]
    public void Without_configured_bands_the_defaults_of_the_api_contract_apply(int score, int percent)
    {
        Assert.True(new CreditScoreBandOptionsValidator().Validate(null, new CreditScoreBandOptions()).Succeeded);
        Assert.Equal(percent, CreditScoreBands.Default.PercentOf(score));
        Assert.Equal(10_001L * percent / 100, CreditScoreBands.Default.LimitFor(10_001, score));
    }

    [Fact]
    public void Configured_bands_replace_the_defaults()
    {
        var bands = new CreditScoreBands(new CreditScoreBandOptions { Bands = [new() { ScoreMin = 0, LimitPercent = 10 }, new() { ScoreMin = 800, LimitPercent = 90 }] });
        Assert.Equal((10L, 90L), (bands.LimitFor(100, 799), bands.LimitFor(100, 800)));
    }

    [Fact]
    public void Every_bad_band_is_named()
    {
        var options = new CreditScoreBandOptions
        {
            Bands = [new() { ScoreMin = 1_001, LimitPercent = 120 }, new() { ScoreMin = 500, LimitPercent = 50 }, new() { ScoreMin = 500, LimitPercent = 60 }],
        };

        var failures = new CreditScoreBandOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("Bands[ScoreMin=1001].ScoreMin must be from 0 to 1000.", failures);
        Assert.Contains("Bands[ScoreMin=1001].LimitPercent must be from 0 to 100.", failures);
        Assert.Contains("Bands[ScoreMin=500].ScoreMin 500 is the minimum of two bands.", failures);
        Assert.Contains("Bands[ScoreMin=500].LimitPercent must not be more than the percent of a higher band.", failures);
        Assert.Contains("Bands must have a band starting at 0, so that every score has a band.", failures);
        Assert.Equal(5, failures.Count);
    }
}
