namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Spend and approval counters per limit level (grant, card, account) in calendar day and month windows, and the one
/// give-back rule (docs/concepts.md, "Limit give-back"):
/// <list type="bullet">
/// <item>amount windows bound spend: an approval or increment adds its amount; a reversal, an expiry or the release of
/// a final capture gives the released amount back to the windows it was counted in; a forced posting adds its forced
/// part to the windows of its own day; a refund gives nothing back;</item>
/// <item>count windows bound approvals and are never given back, so approve–reverse cycles are bounded by the count
/// limits even though each reversal frees its amount.</item>
/// </list>
/// </summary>
public static class LimitCounters
{
    private const string AccountLevel = "a";

    public static (SpendLimits Limits, VelocityCounter Used)[] Usage(AccountBook book, GrantPolicy grant, CardPolicy card, LimitWindows windows) =>
    [
        (grant.Limits, Current(book, GrantLevel(grant.GrantId), windows)),
        (card.Limits, Current(book, CardLevel(card.CardId), windows)),
        (book.Header.Limits, Current(book, AccountLevel, windows)),
    ];

    /// <summary>Counts an approval (<paramref name="count"/> 1) or an increment (0) in the current windows.</summary>
    public static void Count(AccountBook book, string grantId, string cardId, long amount, int count, LimitWindows windows)
    {
        foreach (var level in Levels(grantId, cardId))
        {
            book.Counters.Set(level, Current(book, level, windows).Add(amount, count));
        }
    }

    /// <summary>Gives a released amount back to the windows the authorization was counted in, while they are current.</summary>
    public static void GiveBack(AccountBook book, AuthorizationRecord authorization, long amount)
    {
        if (amount <= 0)
        {
            return;
        }

        foreach (var level in Levels(authorization.GrantId, authorization.CardId))
        {
            if (book.Counters.Find(level) is { } counter)
            {
                book.Counters.Set(level, counter.Release(amount, authorization.DayKey, authorization.MonthKey));
            }
        }
    }

    private static VelocityCounter Current(AccountBook book, string level, LimitWindows windows) =>
        (book.Counters.Find(level) ?? VelocityCounter.Empty).In(windows.DayKey, windows.MonthKey);

    private static string[] Levels(string grantId, string cardId) => [GrantLevel(grantId), CardLevel(cardId), AccountLevel];

    private static string GrantLevel(string grantId) => "g:" + grantId;

    private static string CardLevel(string cardId) => "c:" + cardId;
}
