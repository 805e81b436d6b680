using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Gateway.Wire;

namespace BaiTiaoSwitch.Gateway.Accounts;

public sealed class OpenAccountBody
{
    public string? AccountId { get; set; }

    public HolderBody? Holder { get; set; }

    public MoneyBody? CreditLimit { get; set; }

    /// <summary>0 to 1000.</summary>
    public int? CreditScore { get; set; }

    /// <summary>Optional: the day of the month (1 to 28, China time) the account's statements are cut; default from the credit terms (1).</summary>
    public int? BillingDay { get; set; }
}

public sealed class CreditScoreBody
{
    /// <summary>Required: an integer from 0 to 1000.</summary>
    public int? CreditScore { get; set; }
}

public sealed class CreditLimitBody
{
    public MoneyBody? CreditLimit { get; set; }
}

public sealed record AccountResponse(
    string AccountId,
    string Status,
    MoneyResponse CreditLimit,
    MoneyResponse Available,
    MoneyResponse Pending,
    MoneyResponse Posted,
    MoneyResponse OverLimit,
    int CreditScore,
    int BillingDay,
    MoneyResponse InstallmentsOutstanding);

public static class AccountWire
{
    public static AccountResponse ToWire(this AccountSnapshot account) => new(
        account.AccountId,
        account.Status switch { AccountStatus.Active => "active", AccountStatus.Frozen => "frozen", _ => "closed" },
        account.CreditLimit.ToWire(),
        account.Available.ToWire(),
        account.Pending.ToWire(),
        account.Posted.ToWire(),
        account.OverLimit.ToWire(),
        account.CreditScore,
        account.BillingDay,
        account.InstallmentsOutstanding.ToWire());
}
