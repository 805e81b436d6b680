namespace BaiTiaoSwitch.Payments;

/// <summary>
/// Why an authorization was declined, in order of precedence: when several apply, the lowest value is returned.
/// </summary>
[GenerateSerializer, Alias("bts.DeclineReason")]
public enum DeclineReason
{
    GrantNotActive = 0,
    CardNotActive = 1,
    AccountNotActive = 2,
    MerchantCategoryBlocked = 3,
    ExceedsTransactionLimit = 4,
    ExceedsDailyAmount = 5,
    ExceedsDailyCount = 6,
    ExceedsMonthlyAmount = 7,
    ExceedsMonthlyCount = 8,
    InsufficientCredit = 9,
    RiskDeclined = 10,
}
