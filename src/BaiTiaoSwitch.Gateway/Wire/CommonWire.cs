using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Gateway.Wire;

// What every concept's bodies share: money, the holder, the empty body. Members are nullable so that a missing field
// is told apart from a wrong one; the APIs check them and answer with a code. Unknown fields are refused by the serializer.

public sealed class MoneyBody
{
    /// <summary>Integer minor units (fen for CNY), 1 to 10^12.</summary>
    public long? Amount { get; set; }

    public string? Currency { get; set; }
}

public sealed class HolderBody
{
    public string? Name { get; set; }

    public string? IdNumber { get; set; }

    public string? Phone { get; set; }

    public override string ToString() => "HolderBody(***)";
}

/// <summary>The body of routes that take <c>{}</c>. An empty body is taken as <c>{}</c>.</summary>
public sealed class EmptyBody;

public sealed record MoneyResponse(long Amount, string Currency);

public static class CommonWire
{
    public static MoneyResponse ToWire(this Money money) => new(money.Amount, money.Currency);

    /// <summary>Checks a wire amount: present, 1..10^12 minor units, a configured currency.</summary>
    public static Money ToMoney(this MoneyBody? body, string field)
    {
        if (body?.Amount is not { } amount || body.Currency is null)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'{field}' is required: send {{\"amount\": <integer minor units>, \"currency\": \"CNY\"}}.");
        }

        return MoneyRules.RequirePositive(new Money(amount, body.Currency), field);
    }

    public static Holder ToHolder(this HolderBody? body)
    {
        if (body is null || body.Name is null || body.IdNumber is null || body.Phone is null)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'holder' is required with 'name', 'idNumber' and 'phone'.");
        }

        return new Holder(body.Name, body.IdNumber, body.Phone);
    }
}
