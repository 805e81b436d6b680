namespace BaiTiaoSwitch;

/// <summary>Checks that every request amount obeys the wire contract before anything is decided.</summary>
public static class MoneyRules
{
    /// <summary>Currencies the switch settles today. A line is opened in one of these.</summary>
    public static readonly IReadOnlySet<string> SupportedCurrencies = new HashSet<string>(StringComparer.Ordinal) { Money.Cny };

    /// <summary>Throws <see cref="InvalidRequestException"/> unless the amount is 1..10^12 in a supported currency.</summary>
    public static Money RequirePositive(Money? money, string field)
    {
        if (money is not { } value || value.Currency is null)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'{field}' is required: send {{\"amount\": <minor units>, \"currency\": \"CNY\"}}.");
        }

        if (value.Amount < 1 || value.Amount > Money.AmountMax)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidAmount, $"'{field}.amount' must be an integer from 1 to {Money.AmountMax} minor units.");
        }

        if (!SupportedCurrencies.Contains(value.Currency))
        {
            throw new InvalidRequestException(ErrorCodes.CurrencyNotSupported, $"'{field}.currency' must be one of: {string.Join(", ", SupportedCurrencies)}.");
        }

        return value;
    }
}
