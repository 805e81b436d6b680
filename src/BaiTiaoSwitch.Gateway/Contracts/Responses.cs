namespace BaiTiaoSwitch.Gateway.Contracts;

// Answers as the wire carries them. Null members are left out.

public sealed record MoneyResponse(long Amount, string Currency);

public sealed record AccountResponse(
    string AccountId,
    string Status,
    MoneyResponse CreditLimit,
    MoneyResponse Available,
    MoneyResponse Pending,
    MoneyResponse Posted,
    MoneyResponse OverLimit);

public sealed record CardResponse(
    string CardId,
    string AccountId,
    string Last4,
    string Expiry,
    string Status,
    string? CardNumber)
{
    public override string ToString() => $"CardResponse({CardId}, ****{Last4})";
}

public sealed record LimitsResponse(
    long? PerTransactionMax,
    long? DailyAmountMax,
    int? DailyCountMax,
    long? MonthlyAmountMax,
    int? MonthlyCountMax);

public sealed record GrantResponse(
    string GrantId,
    string Channel,
    string CardId,
    string Last4,
    string Status,
    string? WalletToken,
    LimitsResponse Limits,
    DateTimeOffset CreatedAt)
{
    public override string ToString() => $"GrantResponse({GrantId}, {Channel}, {Status})";
}

public sealed record GrantListResponse(IReadOnlyList<GrantResponse> Grants);

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

public sealed record SandboxOtpResponse(string Otp)
{
    public override string ToString() => "SandboxOtpResponse(***)";
}

public sealed record HealthResponse(string Status);
