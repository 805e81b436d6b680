using BaiTiaoSwitch.Credit;
using CsCheck;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class LateFeesTests
{
    private static readonly CreditTerms Terms = CreditTerms.Default;
    private static readonly StatementPeriods Calendar = StatementPeriods.For(1, Terms);
    private static readonly DateOnly Due = new(2026, 3, 10);

    private static Statement Cut(long purchases, long lateFees = 0) => StatementCut.Cut("acct", Money.Cny, null, new DateOnly(2026, 3, 1), Calendar,
        [new(CreditMovementKind.Purchase, purchases, Calendar.PeriodStart(new DateOnly(2026, 3, 1)), "p"), new(CreditMovementKind.LateFee, lateFees, Calendar.PeriodStart(new DateOnly(2026, 3, 1)), "f")],
        Terms, Calendar.PeriodEnd(new DateOnly(2026, 3, 1)));

    [Fact]
    public void Nothing_is_charged_through_the_due_date()
    {
        var accrual = LateFees.Start(Cut(100_000), 100_000, Terms);

        Assert.Equal(Due, accrual.ChargedThrough);
        Assert.Equal(0, LateFees.ChargeThrough(accrual, Due, 100_000, Terms.LateFeeDailyRate).Fee);
    }

    [Fact]
    public void Each_day_after_the_due_date_is_charged_the_daily_rate_on_what_is_overdue()
    {
        var accrual = LateFees.Start(Cut(100_000), 100_000, Terms);

        Assert.Equal(50, LateFees.ChargeThrough(accrual, Due.AddDays(1), 100_000, Terms.LateFeeDailyRate).Fee);
        Assert.Equal(500, LateFees.ChargeThrough(accrual, Due.AddDays(10), 100_000, Terms.LateFeeDailyRate).Fee);
    }

    [Fact]
    public void A_day_already_charged_is_never_charged_again()
    {
        var (accrual, first) = LateFees.ChargeThrough(LateFees.Start(Cut(100_000), 100_000, Terms), Due.AddDays(3), 100_000, Terms.LateFeeDailyRate);
        var (again, second) = LateFees.ChargeThrough(accrual, Due.AddDays(3), 100_000, Terms.LateFeeDailyRate);
        var (_, earlier) = LateFees.ChargeThrough(accrual, Due.AddDays(1), 100_000, Terms.LateFeeDailyRate);

        Assert.Equal((150L, 0L, 0L), (first, second, earlier));
        Assert.Equal(accrual, again);
    }

    [Fact]
    public void Late_fees_are_never_charged_on_fees()
    {
        var statement = Cut(90_000, lateFees: 10_000);

        Assert.Equal(100_000, statement.NewBalance);
        Assert.Equal(90_000, LateFees.OverduePrincipal(statement, principalRepaidSinceCut: 0));
        Assert.Equal(40_000, LateFees.OverduePrincipal(statement, principalRepaidSinceCut: 50_000));
        Assert.Equal(0, LateFees.OverduePrincipal(statement, principalRepaidSinceCut: 95_000));
    }

    [Fact]
    public void Late_fees_stop_at_the_cap()
    {
        var accrual = LateFees.Start(Cut(100_000), 100_000, Terms);

        Assert.Equal(10_000, accrual.Cap);
        var (capped, fee) = LateFees.ChargeThrough(accrual, Due.AddDays(300), 100_000, Terms.LateFeeDailyRate);
        Assert.Equal((10_000L, 10_000L), (fee, capped.Charged));
        Assert.Equal(0, LateFees.ChargeThrough(capped, Due.AddDays(301), 100_000, Terms.LateFeeDailyRate).Fee);
    }

    [Fact]
    public void Each_days_fee_is_rounded_down_on_its_own()
    {
        var accrual = LateFees.Start(Cut(1_999), 1_999, Terms);

        Assert.Equal(0, LateFees.ChargeThrough(accrual, Due.AddDays(30), 1_999, Terms.LateFeeDailyRate).Fee);
    }

    [Fact]
    public void Charging_day_by_day_or_all_at_once_gives_the_same_fees()
    {
        Gen.Select(Gen.Long[0, 10_000_000], Gen.Int[1, 400], Gen.Int[1, 30])
            .Sample(sample =>
            {
                var (principal, days, step) = sample;
                var start = LateFees.Start(Cut(Math.Max(1, principal)), principal, Terms);
                var atOnce = LateFees.ChargeThrough(start, Due.AddDays(days), principal, Terms.LateFeeDailyRate);

                var stepped = start;
                var total = 0L;
                for (var day = step; day < days + step; day += step)
                {
                    var (next, fee) = LateFees.ChargeThrough(stepped, Due.AddDays(Math.Min(day, days)), principal, Terms.LateFeeDailyRate);
                    (stepped, total) = (next, total + fee);
                }

                Assert.Equal(atOnce.Fee, total);
                Assert.Equal(atOnce.Accrual, stepped);
                Assert.True(total <= start.Cap);
            });
    }
}
