using BaiTiaoSwitch.Credit;
using CsCheck;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class StatementPeriodsTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static StatementPeriods Day(int billingDay) => StatementPeriods.For(billingDay, CreditTerms.Default);

    private static DateTimeOffset ChinaTime(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, China);

    [Fact]
    public void A_purchase_on_the_billing_day_is_on_that_statement_and_one_the_day_after_is_on_the_next()
    {
        var calendar = Day(15);

        Assert.Equal(new DateOnly(2026, 3, 15), calendar.CutDateOf(ChinaTime(2026, 3, 15, 23, 59, 59)));
        Assert.Equal(new DateOnly(2026, 4, 15), calendar.CutDateOf(ChinaTime(2026, 3, 16)));
    }

    [Fact]
    public void Periods_are_in_China_time_not_UTC()
    {
        var calendar = Day(15);
        var instant = new DateTimeOffset(2026, 3, 15, 17, 0, 0, TimeSpan.Zero); // still March 15 in UTC, March 16 01:00 in China

        Assert.Equal(new DateOnly(2026, 4, 15), calendar.CutDateOf(instant));
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 16, 0, 0, TimeSpan.Zero), calendar.CutInstant(new DateOnly(2026, 3, 15)));
    }

    [Fact]
    public void A_period_runs_from_the_previous_cut_to_this_cut()
    {
        var calendar = Day(1);
        var cut = new DateOnly(2026, 3, 1);

        Assert.Equal(ChinaTime(2026, 2, 2), calendar.PeriodStart(cut));
        Assert.Equal(ChinaTime(2026, 3, 2), calendar.PeriodEnd(cut));
    }

    [Fact]
    public void The_last_day_of_a_month_belongs_to_the_next_months_cut()
    {
        var calendar = Day(28);

        Assert.Equal(new DateOnly(2026, 2, 28), calendar.CutDateOf(ChinaTime(2026, 1, 31, 12)));
        Assert.Equal(new DateOnly(2026, 3, 28), calendar.CutDateOf(ChinaTime(2026, 2, 28, 23, 59, 59).AddSeconds(1)));
    }

    [Fact]
    public void In_February_the_due_date_counts_the_days_of_February()
    {
        var calendar = Day(28);

        Assert.Equal(new DateOnly(2026, 3, 9), calendar.DueDateOf(new DateOnly(2026, 2, 28)));
        Assert.Equal(new DateOnly(2028, 3, 8), calendar.DueDateOf(new DateOnly(2028, 2, 28)));
    }

    [Fact]
    public void Across_the_year_end_the_cut_and_due_date_move_into_the_new_year()
    {
        var calendar = Day(25);

        Assert.Equal(new DateOnly(2027, 1, 25), calendar.CutDateOf(ChinaTime(2026, 12, 26)));
        Assert.Equal(new DateOnly(2027, 2, 3), calendar.DueDateOf(new DateOnly(2027, 1, 25)));
        Assert.Equal(new DateOnly(2027, 1, 3), calendar.DueDateOf(new DateOnly(2026, 12, 25)));
    }

    [Fact]
    public void An_amount_is_overdue_from_midnight_China_time_after_the_due_date()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero), Day(1).OverdueFrom(new DateOnly(2026, 3, 10)));
    }

    [Theory]
    [InlineData(2026, 1, 2, 39)]  // the day after the Jan 1 cut: billed Feb 1, due Feb 10 (31-day January)
    [InlineData(2026, 4, 2, 38)]  // a 30-day month: the 38 days
    [InlineData(2026, 2, 2, 36)]  // a 28-day February
    [InlineData(2026, 1, 1, 9)]   // on the billing day itself: billed at once, 9 days to pay
    public void The_interest_free_period_runs_from_the_purchase_to_the_due_date_of_the_statement_that_bills_it(int year, int month, int day, int days)
    {
        Assert.Equal(days, Day(1).InterestFreeDays(ChinaTime(year, month, day, 10)));
    }

    [Fact]
    public void With_the_default_terms_no_purchase_gets_more_than_39_interest_free_days()
    {
        Gen.Select(Gen.Int[1, 28], Gen.Int[0, 3 * 366 * 24])
            .Sample(sample =>
            {
                var (billingDay, hours) = sample;
                var purchase = ChinaTime(2026, 1, 1).AddHours(hours);
                Assert.InRange(Day(billingDay).InterestFreeDays(purchase), 9, 39);
            });
    }

    [Fact]
    public void Advancing_a_clock_cuts_every_statement_in_between_once_and_in_order()
    {
        var calendar = Day(1);

        Assert.Equal(
            [new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)],
            calendar.CutsBetween(ChinaTime(2026, 1, 1), ChinaTime(2026, 4, 1, 23, 59, 59)));
        Assert.Equal([new DateOnly(2026, 4, 1)], calendar.CutsBetween(ChinaTime(2026, 4, 1, 23, 59, 59), ChinaTime(2026, 4, 2)));
        Assert.Empty(calendar.CutsBetween(ChinaTime(2026, 4, 2), ChinaTime(2026, 4, 2)));
    }

    [Fact]
    public void Advancing_in_steps_cuts_the_same_statements_as_advancing_at_once()
    {
        Gen.Select(Gen.Int[1, 28], Gen.Int[0, 2_000], Gen.Int[0, 2_000])
            .Sample(sample =>
            {
                var (billingDay, first, second) = sample;
                var calendar = Day(billingDay);
                var start = ChinaTime(2026, 11, 20, 7);
                var middle = start.AddHours(first);
                var end = middle.AddHours(second);

                Assert.Equal(calendar.CutsBetween(start, end), [.. calendar.CutsBetween(start, middle), .. calendar.CutsBetween(middle, end)]);
            });
    }

    [Fact]
    public void A_billing_day_outside_1_to_28_is_refused()
    {
        Assert.Equal(ErrorCodes.InvalidRequest, Assert.Throws<InvalidRequestException>(() => StatementPeriods.For(29, CreditTerms.Default)).Code);
        Assert.Equal(1, StatementPeriods.For(null, CreditTerms.Default).BillingDay);
    }
}
