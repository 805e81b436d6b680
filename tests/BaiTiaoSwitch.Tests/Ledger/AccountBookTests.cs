using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using Xunit;
using static BaiTiaoSwitch.Tests.Ledger.Lines;

namespace BaiTiaoSwitch.Tests.Ledger;

/// <summary>Fast tests of the decision logic, with no cluster: windows in China time, precedence, arithmetic, replay.</summary>
public sealed class AccountBookTests
{
    [Fact]
    public void Daily_windows_roll_over_at_midnight_China_Standard_Time_not_UTC()
    {
        var book = Open(1_000_000, new SpendLimits(DailyCountMax: 1));
        var lateEvening = new DateTimeOffset(2026, 11, 25, 15, 59, 59, TimeSpan.Zero); // 23:59:59 in Beijing
        var afterMidnight = lateEvening.AddSeconds(1);                                  // 00:00:00 next day in Beijing

        Assert.Null(Pay(book, 100, lateEvening).Reason);
        Assert.Equal(DeclineReason.ExceedsDailyCount, Pay(book, 100, lateEvening).Reason);
        Assert.Null(Pay(book, 100, afterMidnight).Reason);
    }

    [Fact]
    public void Monthly_amount_counts_every_day_of_the_calendar_month()
    {
        var book = Open(1_000_000, new SpendLimits(MonthlyAmountMax: 1_000));
        var first = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));

        Assert.Null(Pay(book, 600, first).Reason);
        Assert.Equal(DeclineReason.ExceedsMonthlyAmount, Pay(book, 401, first.AddDays(20)).Reason);
        Assert.Null(Pay(book, 400, first.AddDays(20)).Reason);
        Assert.Null(Pay(book, 1_000, first.AddMonths(1)).Reason);
    }

    [Fact]
    public void Monthly_count_declines_the_approval_past_it_and_the_next_month_starts_afresh()
    {
        var book = Open(1_000_000, new SpendLimits(MonthlyCountMax: 2));
        var first = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.FromHours(8));

        Assert.Null(Pay(book, 1, first).Reason);
        Assert.Null(Pay(book, 1, first.AddDays(9)).Reason);
        Assert.Equal(DeclineReason.ExceedsMonthlyCount, Pay(book, 1, first.AddDays(20)).Reason);
        Assert.Null(Pay(book, 1, first.AddMonths(1)).Reason);
    }

    [Fact]
    public void Past_the_open_holds_limit_a_new_authorization_is_declined_as_risk_and_an_increment_still_decides_on_credit()
    {
        var book = Open(1_000_000, options: new SwitchOptions { OpenHoldsMax = 2 });
        var first = Pay(book, 100, Noon);
        Pay(book, 100, Noon);

        Assert.Equal(DeclineReason.RiskDeclined, Pay(book, 100, Noon).Reason);
        Assert.Null(Holds.Increment(book, Current(book, first), 50, Noon).Reason);
        Assert.Equal(250, book.Header.Pending);
    }

    [Fact]
    public void When_several_reasons_apply_the_first_in_precedence_is_returned()
    {
        var book = Open(100, new SpendLimits(PerTransactionMax: 10, DailyAmountMax: 5), blocked: ["7995"]);

        Assert.Equal(DeclineReason.MerchantCategoryBlocked, Pay(book, 1_000, Noon, mcc: "7995").Reason);
        Assert.Equal(DeclineReason.ExceedsTransactionLimit, Pay(book, 1_000, Noon).Reason);
        Assert.Equal(DeclineReason.ExceedsDailyAmount, Pay(book, 6, Noon).Reason);
        SetStatus(book, AccountStatus.Frozen);
        Assert.Equal(DeclineReason.AccountNotActive, Pay(book, 1_000, Noon, mcc: "7995").Reason);
        PolicyCopies.Upsert(book, new CardPolicy(CardId, CardStatus.Frozen, SpendLimits.None, 2));
        Assert.Equal(DeclineReason.CardNotActive, Pay(book, 1_000, Noon).Reason);
        PolicyCopies.Upsert(book, new GrantPolicy(GrantId, CardId, "alipay", GrantStatus.Revoked, SpendLimits.None, [], null, 2));
        Assert.Equal(DeclineReason.GrantNotActive, Pay(book, 1_000, Noon).Reason);
    }

    [Fact]
    public void A_policy_copy_never_goes_back_to_an_older_revision()
    {
        var book = Open(1_000);
        PolicyCopies.Upsert(book, new GrantPolicy(GrantId, CardId, "alipay", GrantStatus.Revoked, SpendLimits.None, [], null, 5));
        PolicyCopies.Upsert(book, new GrantPolicy(GrantId, CardId, "alipay", GrantStatus.Active, SpendLimits.None, [], null, 4));

        Assert.Equal(DeclineReason.GrantNotActive, Pay(book, 1, Noon).Reason);
    }

    [Fact]
    public void Lowering_the_limit_below_use_blocks_approvals_until_use_falls()
    {
        var book = Open(10_000);
        var hold = Pay(book, 8_000, Noon);
        book.SetHeader(book.Header with { CreditLimit = 5_000 });

        Assert.Equal(-3_000, book.Header.Available);
        Assert.Equal(DeclineReason.InsufficientCredit, Pay(book, 1, Noon).Reason);
        Holds.Reverse(book, Current(book, hold), null, Noon);
        Assert.Null(Pay(book, 5_000, Noon).Reason);
    }

    [Fact]
    public void A_reversal_above_what_remains_is_rejected_and_changes_nothing()
    {
        var book = Open(10_000);
        var hold = Pay(book, 1_000, Noon);
        Capture(book, hold, 600, Noon);

        var error = Assert.Throws<OperationRejectedException>(() => Holds.Reverse(book, Current(book, hold), 401, Noon));

        Assert.Equal(ErrorCodes.ReversalExceedsRemaining, error.Code);
        Assert.Equal(400, book.Header.Pending);
        Assert.Equal(600, book.Header.Posted);
    }

    [Fact]
    public void Arithmetic_is_checked_so_an_overflow_throws_instead_of_wrapping()
    {
        var book = Open(Money.AmountMax, options: new SwitchOptions { OverCaptureAmountMax = Money.AmountMax, OverCapturePercent = 100 });
        var first = Pay(book, Money.AmountMax - 1, Noon);
        var second = Pay(book, 1, Noon);
        book.SetHeader(book.Header with { Posted = long.MaxValue - Money.AmountMax + 1 });
        var postedBefore = book.Header.Posted;

        Assert.Throws<OverflowException>(() => Capture(book, first, Money.AmountMax, Noon, final: true));
        Assert.Equal(postedBefore, book.Header.Posted);
        Assert.Equal(AuthorizationStatus.Pending, Current(book, second).Status);
    }

    [Fact]
    public void Replaying_the_journal_rebuilds_the_same_book()
    {
        var book = Open(10_000);
        var entries = new List<AccountImage> { book.TakeChanges() };
        var hold = Pay(book, 3_000, Noon);
        entries.Add(book.TakeChanges());
        Capture(book, hold, 3_300, Noon, final: true);
        Pay(book, 500, Noon);
        entries.Add(book.TakeChanges());

        var replayed = new AccountBook("acct-1", new SwitchOptions());
        entries.ForEach(replayed.Apply);

        Assert.Equal(book.Header, replayed.Header);
        Assert.Equal(book.Authorizations.OrderBy(pair => pair.Key), replayed.Authorizations.OrderBy(pair => pair.Key));
        Assert.Equal(book.Alerts.Values.Values, replayed.Alerts.Values.Values);
        Assert.Equal(book.Counters.Values.OrderBy(pair => pair.Key), replayed.Counters.Values.OrderBy(pair => pair.Key));
        Assert.Equal(3, replayed.Version);
    }

    [Fact]
    public void Expired_holds_are_released_once_and_a_second_sweep_finds_nothing()
    {
        var book = Open(10_000, options: new SwitchOptions { HoldPeriod = TimeSpan.FromHours(1) });
        Pay(book, 2_500, Noon);

        Assert.Equal(0, Holds.ExpireDue(book, Noon.AddMinutes(59)));
        Assert.Equal(1, Holds.ExpireDue(book, Noon.AddHours(1)));
        Assert.Equal(0, Holds.ExpireDue(book, Noon.AddHours(2)));
        Assert.Equal(0, book.Header.Pending);
        Assert.Equal(10_000, book.Header.Available);
    }
}
