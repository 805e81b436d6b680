using BaiTiaoSwitch.Credit;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class AprTests
{
    private static readonly StatementPeriods Calendar = StatementPeriods.For(1, CreditTerms.Default);

    [Theory]
    [InlineData(3, "8.98")]
    [InlineData(6, "10.21")]
    [InlineData(12, "10.90")]
    [InlineData(24, "11.13")]
    public void Half_a_percent_a_period_has_the_IRR_APR_of_its_actual_flows(int periods, string expected)
    {
        const long principal = 1_200_000;
        var schedule = InstallmentSchedule.Build(principal, periods, Rate.Percent(0.5m), InstallmentSchedule.DueDates(Calendar, new DateOnly(2026, 1, 1), periods));
        var payments = InstallmentSchedule.Payments(schedule);

        var reference = ReferenceAprPercent(principal, payments);

        Assert.Equal(expected, Apr.Disclosed(principal, payments));
        Assert.InRange((double)Apr.AnnualPercent(principal, payments), reference - 1e-6, reference + 1e-6);
    }

    [Fact]
    public void Twelve_periods_at_half_a_percent_is_about_ten_point_nine_percent_not_the_flat_six()
    {
        const long principal = 600_000;
        var schedule = InstallmentSchedule.Build(principal, 12, Rate.Percent(0.5m), InstallmentSchedule.DueDates(Calendar, new DateOnly(2026, 1, 1), 12));

        Assert.Equal("10.90", Apr.Disclosed(principal, InstallmentSchedule.Payments(schedule)));
    }

    [Fact]
    public void A_plan_without_fees_discloses_zero()
    {
        Assert.Equal("0.00", Apr.Disclosed(3_000, [1_000, 1_000, 1_000]));
    }

    [Fact]
    public void The_cap_is_checked_on_the_disclosed_figure_and_refused_with_apr_above_cap()
    {
        Assert.False(Apr.IsAboveCap("24.00", Rate.Percent(24m)));
        Assert.True(Apr.IsAboveCap("24.01", Rate.Percent(24m)));

        var error = Assert.Throws<OperationRejectedException>(() => Apr.RequireWithinCap("10.90", Rate.Percent(10m)));
        Assert.Equal(ErrorCodes.AprAboveCap, error.Code);
        Assert.Equal("apr_above_cap", ErrorCodes.AprAboveCap);
    }

    /// <summary>An independent reference: the monthly rate by bisection on the NPV, in doubles, in a plain loop, × 12 × 100.</summary>
    private static double ReferenceAprPercent(long principal, IReadOnlyList<long> payments)
    {
        double low = 0, high = 1;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var rate = (low + high) / 2;
            double npv = -principal;
            for (var k = 0; k < payments.Count; k++)
            {
                npv += payments[k] / Math.Pow(1 + rate, k + 1);
            }

            if (npv > 0)
            {
                low = rate;
            }
            else
            {
                high = rate;
            }
        }

        return low * 1200;
    }
}
