using BaiTiaoSwitch.Gateway.Wire;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Gateway.Payments;

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

public sealed record AuthorizationResponse(
    string AuthorizationId,
    string GrantId,
    string Status,
    string Decision,
    string? Reason,
    MoneyResponse Amount,
    MoneyResponse Captured,
    MoneyResponse Reversed,
    MoneyResponse AvailableCredit,
    DateTimeOffset CreatedAt);

public sealed record CaptureResponse(string CaptureId, string AuthorizationId, MoneyResponse Amount, bool OverLimit, DateTimeOffset CreatedAt);

public sealed record RefundResponse(string RefundId, string CaptureId, MoneyResponse Amount, DateTimeOffset CreatedAt);
