using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using Xunit;
using static BaiTiaoSwitch.Tests.Ledger.Lines;

namespace BaiTiaoSwitch.Tests.Ledger;

/// <summary>Issue 6 §5: over-capture tolerance, late capture of an expired hold, forced postings, limit give-back.</summary>
public sealed class MoneyRulesTests
{
    private static readonly SwitchOptions Tolerant = new() { OverCapturePercent = 15, OverCaptureAmountMax = 500, HoldPeriod = TimeSpan.FromHours(1) };

    [Fact]
    public void A_capture_within_the_tolerance_posts_as_forced_and_raises_one_over_limit_alert()
    {
        var book = Open(100_000, options: Tolerant);
        var hold = Pay(book, 1_000, Noon);

        var result = Capture(book, hold, 1_150, Noon);

        Assert.Equal(150, result.Capture.Forced);
        Assert.False(result.Capture.OverLimit);
        Assert.Equal(AlertSeverity.Medium, result.Alert!.Severity);
        Assert.Equal((150L, 1), (book.Header.OverLimitAmount, book.Header.OverLimitCount));
        Assert.Equal((0L, 1_150L, 0), (book.Header.Pending, book.Header.Posted, book.Header.OpenHolds));
        Assert.Single(book.Alerts.Values);
    }

    [Fact]
    public void A_capture_beyond_the_percentage_or_the_absolute_cap_is_refused_and_changes_nothing()
    {
        var book = Open(1_000_000, options: Tolerant);
        var small = Pay(book, 1_000, Noon);
        var large = Pay(book, 100_000, Noon);
        var before = book.Header;

        var overPercent = Assert.Throws<OperationRejectedException>(() => Capture(book, small, 1_151, Noon));
        var overCap = Assert.Throws<OperationRejectedException>(() => Capture(book, large, 100_501, Noon));

        Assert.Equal(ErrorCodes.CaptureExceedsAuthorization, overPercent.Code);
        Assert.Equal(ErrorCodes.CaptureExceedsAuthorization, overCap.Code);
        Assert.Equal(before, book.Header);
        Assert.Equal(500, Capture(book, large, 100_500, Noon).Capture.Forced);
    }

    [Fact]
    public void A_forced_posting_that_takes_the_line_over_its_limit_is_flagged_over_limit_with_a_high_alert()
    {
        var book = Open(1_000, options: Tolerant);
        var hold = Pay(book, 1_000, Noon);

        var result = Capture(book, hold, 1_100, Noon, final: true);

        Assert.True(result.Capture.OverLimit);
        Assert.Equal(AlertSeverity.High, result.Alert!.Severity);
        Assert.Equal(-100, book.Header.Available);
        Assert.Equal(DeclineReason.InsufficientCredit, Pay(book, 1, Noon).Reason);
    }

    [Fact]
    public void An_expired_hold_can_be_captured_late_once_up_to_what_it_held_plus_the_tolerance_and_not_again()
    {
        var book = Open(100_000, options: Tolerant);
        var hold = Pay(book, 1_000, Noon);
        Capture(book, hold, 200, Noon);
        var later = Noon.AddHours(2);

        var tooMuch = Assert.Throws<OperationRejectedException>(() => Capture(book, hold, 800 + 150 + 1, later));
        var late = Capture(book, hold, 900, later);
        var again = Assert.Throws<OperationRejectedException>(() => Capture(book, hold, 1, later));

        Assert.Equal(ErrorCodes.CaptureExceedsAuthorization, tooMuch.Code);
        Assert.Equal(900, late.Capture.Forced);
        Assert.Equal(AuthorizationStatus.Closed, late.Authorization.Status);
        Assert.Equal(ErrorCodes.AuthorizationNotOpen, again.Code);
        Assert.Equal((0L, 1_100L, 0), (book.Header.Pending, book.Header.Posted, book.Header.OpenHolds));
    }

    [Fact]
    public void Reversal_expiry_and_the_release_of_a_final_capture_give_the_amount_back_to_the_day_but_never_the_count()
    {
        var book = Open(1_000_000, new SpendLimits(DailyAmountMax: 1_000, DailyCountMax: 4), Tolerant);
        var reversed = Pay(book, 1_000, Noon);
        Holds.Reverse(book, Current(book, reversed), null, Noon);
        var released = Pay(book, 1_000, Noon);
        Capture(book, released, 300, Noon, final: true);
        Pay(book, 700, Noon.AddMinutes(1));
        Assert.Equal(1, Holds.ExpireDue(book, Noon.AddHours(2)));

        var fourth = Pay(book, 700, Noon.AddHours(2));
        Holds.Reverse(book, Current(book, fourth), null, Noon.AddHours(2));

        Assert.Null(fourth.Reason);
        Assert.Equal(DeclineReason.ExceedsDailyCount, Pay(book, 1, Noon.AddHours(2)).Reason);
    }

    [Fact]
    public void Approve_and_reverse_cycles_are_bounded_by_the_daily_count_even_though_each_reversal_frees_its_amount()
    {
        var book = Open(1_000_000, new SpendLimits(DailyAmountMax: 1_000, DailyCountMax: 3));
        var approved = 0;
        for (var i = 0; i < 10; i++)
        {
            var hold = Pay(book, 1_000, Noon);
            if (hold.Reason is null)
            {
                approved++;
                Holds.Reverse(book, Current(book, hold), null, Noon);
            }
        }

        Assert.Equal(3, approved);
    }

    [Fact]
    public void A_refund_restores_credit_but_gives_nothing_back_to_the_limits()
    {
        var book = Open(1_000_000, new SpendLimits(DailyAmountMax: 1_000));
        var hold = Pay(book, 1_000, Noon);
        var capture = Capture(book, hold, 1_000, Noon).Capture;

        Captures.Refund(book, Current(book, hold), capture.CaptureId, 1_000, Noon);

        Assert.Equal(1_000_000, book.Header.Available);
        Assert.Equal(DeclineReason.ExceedsDailyAmount, Pay(book, 1, Noon).Reason);
    }

    [Fact]
    public void Alerts_kept_on_the_line_are_bounded_and_the_oldest_leave_first()
    {
        var book = Open(1_000_000, options: new SwitchOptions { AlertsMax = 2, OverCapturePercent = 50, OverCaptureAmountMax = 1_000 });
        var alerts = Enumerable.Range(0, 3).Select(_ => Capture(book, Pay(book, 100, Noon), 120, Noon).Alert!).ToList();

        Assert.Equal(alerts.Skip(1).Select(alert => alert.AlertId).Order(), book.Alerts.Values.Keys.Order());
    }
}
