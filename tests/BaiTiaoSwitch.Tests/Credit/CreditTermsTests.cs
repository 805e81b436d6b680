using BaiTiaoSwitch.Credit;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class CreditTermsTests
{
    [Fact]
    public void The_default_terms_are_the_issues_and_are_valid()
    {
        var terms = CreditTerms.Default;

        Assert.Empty(CreditTermsValidator.Problems(terms));
        Assert.Equal([3, 6, 12, 24], terms.Installments.Select(option => option.Periods));
        Assert.All(terms.Installments, option => Assert.Equal(5_000, option.FeeRatePerPeriod.PartsPerMillion));
        Assert.Equal(240_000, terms.AprCap.PartsPerMillion);
        Assert.Equal(9, terms.StatementDueDays);
        Assert.Equal(100_000, terms.MinimumPaymentRate.PartsPerMillion);
        Assert.Equal(500, terms.LateFeeDailyRate.PartsPerMillion);
        Assert.Equal(TimeSpan.FromHours(8), terms.UtcOffset);
    }

    [Fact]
    public void The_validator_names_every_bad_setting()
    {
        var bad = new CreditTerms(
            Version: 0,
            Installments: [new InstallmentOption(5, Rate.Percent(0.5m)), new InstallmentOption(12, Rate.Percent(11m)), new InstallmentOption(12, Rate.Zero)],
            AprCap: Rate.Zero,
            StatementDueDays: 28,
            BillingDayDefault: 29,
            MinimumPaymentRate: Rate.Zero,
            LateFeeDailyRate: Rate.Percent(2m),
            LateFeeCapRate: new Rate(-1),
            UtcOffset: TimeSpan.FromHours(15));

        var problems = CreditTermsValidator.Problems(bad);

        foreach (var setting in new[]
        {
            "Version ", "Installments[0].Periods must be one of", "Installments[1].FeeRatePerPeriod", "Installments[1].Periods must be offered once",
            "AprCap", "StatementDueDays", "BillingDayDefault", "MinimumPaymentRate", "LateFeeDailyRate", "LateFeeCapRate", "UtcOffset",
        })
        {
            Assert.Contains(problems, problem => problem.StartsWith(setting, StringComparison.Ordinal));
        }

        var error = Assert.Throws<InvalidRequestException>(() => CreditTermsValidator.Require(bad));
        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
    }

    [Fact]
    public void Terms_without_any_installment_option_are_refused_by_name()
    {
        var problems = CreditTermsValidator.Problems(CreditTerms.Default with { Installments = [] });

        Assert.Equal(["Installments must offer at least one period count."], problems);
    }

    [Fact]
    public void A_rate_is_exact_in_parts_per_million_and_shown_as_API_md_shows_it()
    {
        var half = Rate.Percent(0.5m);

        Assert.Equal(5_000, half.PartsPerMillion);
        Assert.Equal("0.0050", half.ToFractionString(4));
        Assert.Equal(0.005m, half.Fraction);
        Assert.Equal(9, half.OfFloor(1_999));
        Assert.Equal(10, half.OfCeiling(1_999));
        Assert.Equal(10, half.OfHalfUp(1_900));
        Assert.Equal(9, half.OfHalfUp(1_899));
        Assert.Equal(60_000_000_000, half.OfHalfUp(Money.AmountMax, 12));
    }
}
