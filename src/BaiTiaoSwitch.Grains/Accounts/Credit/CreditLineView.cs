using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Accounts;

/// <summary>The line's credit state as the credit grain reads it (<see cref="ICreditAccountGrain.ReadCreditLine"/>).</summary>
public static class CreditLineView
{
    public static CreditLine Of(AccountBook book, DateTimeOffset now)
    {
        var header = book.Header;
        return new CreditLine(
            header.AccountId,
            header.Currency,
            now,
            CreditPeriods.BillingDayOf(book),
            header.Use,
            [.. book.Credit.Periods.Values.Values.OrderBy(period => period.CutDate)],
            [.. book.Credit.PlanRefunds.Values.Values.OrderBy(refund => refund.Sequence)],
            [.. book.Credit.Plans.Values.Values.OrderBy(plan => plan.PlanId, StringComparer.Ordinal)],
            header.LastCut,
            header.OpenedAt);
    }
}
