namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Velocity limits at one level (account, card or grant). A null member means no limit at that level.
/// Day and month windows are calendar windows in the configured time zone (China Standard Time by default).
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.SpendLimits")]
public sealed record SpendLimits(
    [property: Id(0)] long? PerTransactionMax = null,
    [property: Id(1)] long? DailyAmountMax = null,
    [property: Id(2)] int? DailyCountMax = null,
    [property: Id(3)] long? MonthlyAmountMax = null,
    [property: Id(4)] int? MonthlyCountMax = null)
{
    public static readonly SpendLimits None = new();

    public SpendLimits Validated(string field)
    {
        Positive(PerTransactionMax, $"{field}.perTransactionMax");
        Positive(DailyAmountMax, $"{field}.dailyAmountMax");
        Positive(MonthlyAmountMax, $"{field}.monthlyAmountMax");
        Positive(DailyCountMax, $"{field}.dailyCountMax");
        Positive(MonthlyCountMax, $"{field}.monthlyCountMax");
        return this;
    }

    private static void Positive(long? value, string field)
    {
        if (value is < 1 or > Money.AmountMax)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'{field}' must be from 1 to {Money.AmountMax} when set.");
        }
    }
}
