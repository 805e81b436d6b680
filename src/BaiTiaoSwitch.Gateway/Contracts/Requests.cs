namespace BaiTiaoSwitch.Gateway.Contracts;

// Request bodies as the wire carries them. Members are nullable so that a missing field is told apart from a
// wrong one; the APIs check them and answer with a code. Unknown fields are refused by the serializer.

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

public sealed class OpenAccountBody
{
    public string? AccountId { get; set; }

    public HolderBody? Holder { get; set; }

    public MoneyBody? CreditLimit { get; set; }

    /// <summary>0 to 1000.</summary>
    public int? CreditScore { get; set; }
}

public sealed class CreditLimitBody
{
    public MoneyBody? CreditLimit { get; set; }
}

/// <summary>The body of routes that take <c>{}</c>. An empty body is taken as <c>{}</c>.</summary>
public sealed class EmptyBody;

public sealed class BindingBody
{
    public string? CardNumber { get; set; }

    public HolderBody? Holder { get; set; }

    public override string ToString() => "BindingBody(***)";
}

public sealed class VerifyBody
{
    /// <summary>The 6-digit one-time code sent to the holder's phone.</summary>
    public string? Otp { get; set; }

    public override string ToString() => "VerifyBody(***)";
}

public sealed class MerchantBody
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>ISO 18245 merchant category code: 4 digits.</summary>
    public string? Mcc { get; set; }

    /// <summary>ISO 3166 country code: 2 or 3 capital letters.</summary>
    public string? Country { get; set; }
}

public sealed class AuthorizeBody
{
    /// <summary>The grant to pay through. Give exactly one of grantId and walletToken.</summary>
    public string? GrantId { get; set; }

    public string? WalletToken { get; set; }

    public MoneyBody? Amount { get; set; }

    public MerchantBody? Merchant { get; set; }

    public override string ToString() => "AuthorizeBody(***)";
}

public sealed class AmountBody
{
    public MoneyBody? Amount { get; set; }
}

public sealed class CaptureBody
{
    public MoneyBody? Amount { get; set; }

    /// <summary>True closes the authorization and releases what is left of the hold. Default false.</summary>
    public bool? Final { get; set; }
}

public sealed class ReversalBody
{
    /// <summary>Omitted: all that remains of the hold.</summary>
    public MoneyBody? Amount { get; set; }
}
