namespace BaiTiaoSwitch.Accounts;

/// <summary>The account as the wire shows it.</summary>
public static class AccountViews
{
    public static AccountSnapshot Snapshot(AccountBook book)
    {
        var header = book.Header;
        var currency = book.Currency;
        return new AccountSnapshot(header.AccountId, header.Status, new Money(header.CreditLimit, currency), new Money(header.Available, currency),
            new Money(header.Pending, currency), new Money(header.Posted, currency), new Money(header.OverLimitAmount, currency),
            header.OverLimitCount, header.OpenHolds, header.CreditScore, CreditPeriods.BillingDayOf(book), new Money(header.InstallmentsOutstanding, currency));
    }
}
