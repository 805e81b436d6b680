using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The pure decision on a new authorization or an increment, against the account's own state and policy copies.
/// Checks run in the order of <see cref="DeclineReason"/>, so the first reason that applies is the one returned.
/// </summary>
public static class AuthorizationDecision
{
    /// <param name="amount">What this request adds to the line.</param>
    /// <param name="transactionAmount">What the per-transaction limit is compared with (the whole hold for an increment).</param>
    /// <param name="countsAsNew">True for a new authorization (counts against count limits), false for an increment.</param>
    public static DeclineReason? Decide(AccountBook book, GrantPolicy? grant, string cardId, string? mcc, long amount, long transactionAmount,
        bool countsAsNew, LimitWindows windows, DateTimeOffset now)
    {
        if (grant is null || grant.Status != GrantStatus.Active || grant.ExpiresAt <= now || grant.CardId != cardId)
        {
            return DeclineReason.GrantNotActive;
        }

        if (book.Cards.Find(cardId) is not { Status: CardStatus.Active } card)
        {
            return DeclineReason.CardNotActive;
        }

        var header = book.Header;
        if (header.Status != AccountStatus.Active)
        {
            return DeclineReason.AccountNotActive;
        }

        if (mcc is not null && grant.BlockedMccs.Contains(mcc))
        {
            return DeclineReason.MerchantCategoryBlocked;
        }

        var usage = LimitCounters.Usage(book, grant, card, windows);
        var count = countsAsNew ? 1 : 0;
        return usage.Any(level => transactionAmount > level.Limits.PerTransactionMax) ? DeclineReason.ExceedsTransactionLimit
            : usage.Any(level => checked(level.Used.DayAmount + amount) > level.Limits.DailyAmountMax) ? DeclineReason.ExceedsDailyAmount
            : usage.Any(level => level.Used.DayCount + count > level.Limits.DailyCountMax) ? DeclineReason.ExceedsDailyCount
            : usage.Any(level => checked(level.Used.MonthAmount + amount) > level.Limits.MonthlyAmountMax) ? DeclineReason.ExceedsMonthlyAmount
            : usage.Any(level => level.Used.MonthCount + count > level.Limits.MonthlyCountMax) ? DeclineReason.ExceedsMonthlyCount
            : checked(header.Pending + header.Posted + amount) > header.CreditLimit ? DeclineReason.InsufficientCredit
            : countsAsNew && header.OpenHolds >= book.Options.OpenHoldsMax ? DeclineReason.RiskDeclined
            : null;
    }
}
