using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Tests.Ledger;

/// <summary>Open lines in memory, with one card and one grant, for the tests of the pure ledger rules.</summary>
public static class Lines
{
    public const string GrantId = "gr_g1";
    public const string CardId = "card-1";
    public static readonly DateTimeOffset Noon = new(2026, 11, 25, 4, 0, 0, TimeSpan.Zero);
    public static readonly Merchant Shop = new("m1", "Shop", "5411", "CN");
    private static readonly ProtectedValue Dummy = new("k", [], [], []);

    public static AccountBook Open(long limit, SpendLimits? grantLimits = null, SwitchOptions? options = null, IReadOnlyList<string>? blocked = null)
    {
        var book = new AccountBook("acct-1", options ?? new SwitchOptions());
        book.SetHeader(new AccountHeader("acct-1", AccountStatus.Active, Money.Cny, limit, 0, 0, 0, 0, 700,
            new HolderRecord(Dummy, Dummy, Dummy, "n", "i", "p"), SpendLimits.None, 1, Noon, 0));
        PolicyCopies.Upsert(book, new CardPolicy(CardId, CardStatus.Active, SpendLimits.None, 1));
        PolicyCopies.Upsert(book, new GrantPolicy(GrantId, CardId, "alipay", GrantStatus.Active, grantLimits ?? SpendLimits.None, blocked ?? [], null, 1));
        return book;
    }

    public static AuthorizationRecord Pay(AccountBook book, long amount, DateTimeOffset at, string mcc = "5411", string? scope = null) =>
        Holds.Authorize(book, "alipay", scope ?? "alipay\u001f" + Guid.NewGuid().ToString("N"), new AuthorizeCommand(GrantId, CardId, Money.Fen(amount), Shop with { Mcc = mcc }), at);

    public static AuthorizationRecord Current(AccountBook book, AuthorizationRecord record) => book.Authorizations[record.AuthorizationId];

    public static CaptureResult Capture(AccountBook book, AuthorizationRecord record, long amount, DateTimeOffset at, bool final = false) =>
        Captures.Capture(book, Current(book, record), amount, final, at);

    public static void SetStatus(AccountBook book, AccountStatus status) => book.SetHeader(book.Header with { Status = status });
}
