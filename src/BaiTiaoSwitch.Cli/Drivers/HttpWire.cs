namespace BaiTiaoSwitch.Cli.Drivers;

// Answers of the HTTP API (API.md) as the demo reads them; members it does not need are left out.

internal sealed record WireMoney(long Amount, string Currency);

internal sealed record WireAccount(string AccountId, string Status, WireMoney CreditLimit, WireMoney Available, WireMoney Pending, WireMoney Posted, WireMoney? OverLimit);

internal sealed record WireCard(string CardId, string AccountId, string Last4, string Expiry, string Status, string? CardNumber)
{
    public override string ToString() => $"WireCard({CardId}, •••• {Last4})";
}

internal sealed record WireGrant(string GrantId, string Channel, string CardId, string Last4, string Status, string? WalletToken)
{
    public override string ToString() => $"WireGrant({GrantId}, {Channel}, {Status})";
}

internal sealed record WireAuthorization(
    string AuthorizationId,
    string GrantId,
    string Status,
    string Decision,
    string? Reason,
    WireMoney Amount,
    WireMoney Captured,
    WireMoney Reversed,
    WireMoney AvailableCredit);

internal sealed record WireCapture(string CaptureId, string AuthorizationId, WireMoney Amount, bool OverLimit);

internal sealed record WireRefund(string RefundId, string CaptureId, WireMoney Amount);

internal sealed record WireOtp(string Otp)
{
    public override string ToString() => "WireOtp(***)";
}
