using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Security;
using Xunit;

namespace BaiTiaoSwitch.Tests.Ledger;

/// <summary>Fast tests of the decision logic, with no cluster: limits, windows in China time, precedence, arithmetic.</summary>
public sealed class AccountBookTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 4, 0, 0, TimeSpan.Zero);
    private static readonly Merchant Shop = new("m1", "Shop", "5411", "CN");

    private static AccountBook NewBook(long limit, SpendLimits? grantLimits = null, SwitchOptions? options = null, IReadOnlyList<string>? blocked = null)
    {
        var book = new AccountBook("acct-1", options ?? new SwitchOptions());
        var holder = new HolderRecord(Dummy, Dummy, Dummy, "n", "i", "p");
        book.Open(new OpenAccountRequest("acct-1", new Holder("A", "123456", "13800000000"), Money.Fen(limit), 700), holder, Noon);
        book.UpsertCard(new CardPolicy("card-1", CardStatus.Active, SpendLimits.None, 1));
        book.UpsertGrant(new GrantPolicy("gr_g1", "card-1", "alipay", GrantStatus.Active, grantLimits ?? SpendLimits.None, blocked ?? [], null, 1));
        return book;
    }

    private static readonly ProtectedValue Dummy = new("k", [], [], []);

    private static AuthorizationRecord Pay(AccountBook book, long amount, DateTimeOffset at, string mcc = "5411") =>
        book.Authorize("alipay", new AuthorizeCommand("gr_g1", "card-1", Money.Fen(amount), Shop with { Mcc = mcc }), at);

    [Fact]
    public void Daily_windows_roll_over_at_midnight_China_Standard_Time_not_UTC()
    {
        var book = NewBook(1_000_000, new SpendLimits(DailyCountMax: 1));
        var lateEvening = new DateTimeOffset(2026, 11, 25, 15, 59, 59, TimeSpan.Zero); // 23:59:59 in Beijing
        var afterMidnight = lateEvening.AddSeconds(1);                                  // 00:00:00 next day in Beijing

        Assert.Null(Pay(book, 100, lateEvening).Reason);
        Assert.Equal(DeclineReason.ExceedsDailyCount, Pay(book, 100, lateEvening).Reason);
        Assert.Null(Pay(book, 100, afterMidnight).Reason);
    }

    [Fact]
    public void Monthly_amount_counts_every_day_of_the_calendar_month()
    {
        var book = NewBook(1_000_000, new SpendLimits(MonthlyAmountMax: 1_000));
        var first = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));

        Assert.Null(Pay(book, 600, first).Reason);
        Assert.Equal(DeclineReason.ExceedsMonthlyAmount, Pay(book, 401, first.AddDays(20)).Reason);
        Assert.Null(Pay(book, 400, first.AddDays(20)).Reason);
        Assert.Null(Pay(book, 1_000, first.AddMonths(1)).Reason);
    }

    [Fact]
    public void When_several_reasons_apply_the_first_in_precedence_is_returned()
    {
        var book = NewBook(100, new SpendLimits(PerTransactionMax: 10, DailyAmountMax: 5), blocked: ["7995"]);

        Assert.Equal(DeclineReason.MerchantCategoryBlocked, Pay(book, 1_000, Noon, mcc: "7995").Reason);
        Assert.Equal(DeclineReason.ExceedsTransactionLimit, Pay(book, 1_000, Noon).Reason);
        Assert.Equal(DeclineReason.ExceedsDailyAmount, Pay(book, 6, Noon).Reason);
        book.SetStatus(AccountStatus.Frozen);
        Assert.Equal(DeclineReason.AccountNotActive, Pay(book, 1_000, Noon, mcc: "7995").Reason);
        book.UpsertCard(new CardPolicy("card-1", CardStatus.Frozen, SpendLimits.None, 2));
        Assert.Equal(DeclineReason.CardNotActive, Pay(book, 1_000, Noon).Reason);
        book.UpsertGrant(new GrantPolicy("gr_g1", "card-1", "alipay", GrantStatus.Revoked, SpendLimits.None, [], null, 2));
        Assert.Equal(DeclineReason.GrantNotActive, Pay(book, 1_000, Noon).Reason);
    }

    [Fact]
    public void A_policy_copy_never_goes_back_to_an_older_revision()
    {
        var book = NewBook(1_000);
        book.UpsertGrant(new GrantPolicy("gr_g1", "card-1", "alipay", GrantStatus.Revoked, SpendLimits.None, [], null, 5));
        book.UpsertGrant(new GrantPolicy("gr_g1", "card-1", "alipay", GrantStatus.Active, SpendLimits.None, [], null, 4));

        Assert.Equal(DeclineReason.GrantNotActive, Pay(book, 1, Noon).Reason);
    }

    [Fact]
    public void Lowering_the_limit_below_use_blocks_approvals_until_use_falls()
    {
        var book = NewBook(10_000);
        var hold = Pay(book, 8_000, Noon);
        book.SetCreditLimit(5_000);

        Assert.Equal(-3_000, book.Header.Available);
        Assert.Equal(DeclineReason.InsufficientCredit, Pay(book, 1, Noon).Reason);
        book.Reverse(book.Authorizations[hold.AuthorizationId], null, Noon);
        Assert.Null(Pay(book, 5_000, Noon).Reason);
    }

    [Fact]
    public void A_reversal_gives_back_the_daily_amount_it_used()
    {
        var book = NewBook(1_000_000, new SpendLimits(DailyAmountMax: 1_000));
        var hold = Pay(book, 1_000, Noon);

        book.Reverse(book.Authorizations[hold.AuthorizationId], 400, Noon);

        Assert.Null(Pay(book, 400, Noon).Reason);
        Assert.Equal(DeclineReason.ExceedsDailyAmount, Pay(book, 1, Noon).Reason);
    }

    [Fact]
    public void A_reversal_above_what_remains_is_rejected_and_changes_nothing()
    {
        var book = NewBook(10_000);
        var hold = Pay(book, 1_000, Noon);
        book.Capture(book.Authorizations[hold.AuthorizationId], 600, final: false, Noon);

        var error = Assert.Throws<OperationRejectedException>(() => book.Reverse(book.Authorizations[hold.AuthorizationId], 401, Noon));

        Assert.Equal(ErrorCodes.ReversalExceedsRemaining, error.Code);
        Assert.Equal(400, book.Header.Pending);
        Assert.Equal(600, book.Header.Posted);
    }

    [Fact]
    public void Arithmetic_is_checked_so_an_overflow_throws_instead_of_wrapping()
    {
        var book = NewBook(Money.AmountMax);
        var first = Pay(book, Money.AmountMax - 1, Noon);
        var second = Pay(book, 1, Noon);
        book.Capture(book.Authorizations[first.AuthorizationId], long.MaxValue - Money.AmountMax, final: true, Noon);
        var postedBefore = book.Header.Posted;

        Assert.Throws<OverflowException>(() => book.Capture(book.Authorizations[second.AuthorizationId], long.MaxValue, final: true, Noon));
        Assert.Equal(postedBefore, book.Header.Posted);
    }

    [Fact]
    public void Replaying_the_journal_rebuilds_the_same_book()
    {
        var book = NewBook(10_000);
        var entries = new List<AccountImage> { book.TakeChanges() };
        var hold = Pay(book, 3_000, Noon);
        entries.Add(book.TakeChanges());
        book.Capture(book.Authorizations[hold.AuthorizationId], 1_000, final: true, Noon);
        Pay(book, 500, Noon);
        entries.Add(book.TakeChanges());

        var replayed = new AccountBook("acct-1", new SwitchOptions());
        entries.ForEach(replayed.Apply);

        Assert.Equal(book.Header, replayed.Header);
        Assert.Equal(book.Authorizations.OrderBy(pair => pair.Key), replayed.Authorizations.OrderBy(pair => pair.Key));
        Assert.Equal(3, replayed.Version);
    }

    [Fact]
    public void Expired_holds_are_released_once_and_a_second_sweep_finds_nothing()
    {
        var options = new SwitchOptions { HoldPeriod = TimeSpan.FromHours(1) };
        var book = NewBook(10_000, options: options);
        Pay(book, 2_500, Noon);

        Assert.Equal(0, book.ExpireDue(Noon.AddMinutes(59)));
        Assert.Equal(1, book.ExpireDue(Noon.AddHours(1)));
        Assert.Equal(0, book.ExpireDue(Noon.AddHours(2)));
        Assert.Equal(0, book.Header.Pending);
        Assert.Equal(10_000, book.Header.Available);
    }

    [Fact]
    public void Closed_authorizations_leave_hot_state_after_the_retention_and_idempotency_records_are_pruned()
    {
        var options = new SwitchOptions { ClosedAuthorizationRetention = TimeSpan.FromDays(1), IdempotencyRetention = TimeSpan.FromDays(2) };
        var book = NewBook(10_000, options: options);
        var hold = Pay(book, 100, Noon);
        book.RecordRequest(new IdempotencyRecord("alipay\u001fk1", OperationKind.Authorize, "f", Noon, null, null, null));
        book.Reverse(book.Authorizations[hold.AuthorizationId], null, Noon);

        Assert.Empty(book.ArchivableAt(Noon.AddHours(23), 10));
        var archivable = book.ArchivableAt(Noon.AddDays(1), 10);
        book.Remove(archivable);

        Assert.Single(archivable);
        Assert.Empty(book.Authorizations);
        Assert.Equal(0, book.PruneIdempotency(Noon.AddDays(1)));
        Assert.Equal(1, book.PruneIdempotency(Noon.AddDays(2)));
        Assert.Contains(hold.AuthorizationId, book.TakeChanges().RemovedAuthorizations);
    }
}
