using BaiTiaoSwitch.Credit;
using CsCheck;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class InstallmentScheduleTests
{
    private static readonly StatementPeriods Calendar = StatementPeriods.For(5, CreditTerms.Default);

    [Fact]
    public void A_schedule_puts_the_rounding_of_principal_and_fee_in_the_last_period()
    {
        // 1,000.00 yuan over 3 periods at 0.5%: total fee round(100000 × 0.005 × 3) = 1500 fen.
        var dueDates = InstallmentSchedule.DueDates(Calendar, new DateOnly(2026, 1, 5), 3);
        var schedule = InstallmentSchedule.Build(100_000, 3, Rate.Percent(0.5m), dueDates);

        Assert.Equal([33_333, 33_333, 33_334], schedule.Select(period => period.Principal));
        Assert.Equal([500, 500, 500], schedule.Select(period => period.Fee));
        Assert.Equal([1, 2, 3], schedule.Select(period => period.Period));
        Assert.All(schedule, period => Assert.Equal(InstallmentPeriodStatus.Due, period.Status));
    }

    [Fact]
    public void The_total_fee_is_rounded_once_and_its_remainder_goes_to_the_last_period()
    {
        // 12,345 fen × 0.5% × 12 = 740.7 → 741 fen; 741 / 12 = 61 a period, the last 741 − 11 × 61 = 70.
        var schedule = InstallmentSchedule.Build(12_345, 12, Rate.Percent(0.5m), InstallmentSchedule.DueDates(Calendar, new DateOnly(2026, 1, 5), 12));

        Assert.Equal(741, InstallmentSchedule.TotalFee(12_345, 12, Rate.Percent(0.5m)));
        Assert.Equal(61, InstallmentSchedule.FeePerPeriod(741, 12));
        Assert.Equal(70, schedule[^1].Fee);
        Assert.Equal(1_028, schedule[0].Principal);
        Assert.Equal(12_345 - (11 * 1_028), schedule[^1].Principal);
    }

    [Fact]
    public void Period_k_is_due_on_the_due_date_of_the_kth_statement_from_the_first()
    {
        var dueDates = InstallmentSchedule.DueDates(Calendar, new DateOnly(2026, 11, 5), 3);

        Assert.Equal([new DateOnly(2026, 11, 14), new DateOnly(2026, 12, 14), new DateOnly(2027, 1, 14)], dueDates);
    }

    [Fact]
    public void Every_schedule_sums_exactly_to_its_principal_and_total_fee()
    {
        Gen.Select(Gen.Long[1, Money.AmountMax], Gen.OneOf(3, 6, 12, 24), Gen.Long[0, 100_000])
            .Where(sample => sample.Item1 >= sample.Item2)
            .Sample(sample =>
            {
                var (principal, periods, ppm) = sample;
                var rate = new Rate(ppm);
                var schedule = InstallmentSchedule.Build(principal, periods, rate, InstallmentSchedule.DueDates(Calendar, new DateOnly(2026, 1, 5), periods));
                var totalFee = InstallmentSchedule.TotalFee(principal, periods, rate);

                Assert.Equal(principal, schedule.Sum(period => period.Principal));
                Assert.Equal(totalFee, schedule.Sum(period => period.Fee));
                Assert.All(schedule, period => Assert.True(period.Principal >= 1 && period.Fee >= 0));
                Assert.All(schedule.SkipLast(1), period => Assert.Equal(principal / periods, period.Principal));
                Assert.InRange(totalFee * 1_000_000m, ((decimal)principal * ppm * periods) - 500_000m, ((decimal)principal * ppm * periods) + 500_000m);
            });
    }
}
