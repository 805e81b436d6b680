namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>An authorization and what became of it, in fen. <see cref="Reason"/> is the API's snake_case code.</summary>
public sealed record PaymentView(
    string AuthorizationId,
    string Status,
    bool Approved,
    string? Reason,
    long Amount,
    long Captured,
    long Reversed,
    long AvailableAfter);

public sealed record CaptureView(string CaptureId, string AuthorizationId, long Amount, bool OverLimit);

public sealed record RefundView(string RefundId, string CaptureId, long Amount);
