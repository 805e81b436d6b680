namespace BaiTiaoSwitch;

/// <summary>Stable snake_case machine codes. A code is never renamed once published.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidAmount = "invalid_amount";
    public const string InvalidId = "invalid_id";
    public const string CurrencyNotSupported = "currency_not_supported";
    public const string NotFound = "not_found";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string AccountExists = "account_exists";
    public const string AccountNotActive = "account_not_active";
    public const string CardNotActive = "card_not_active";
    public const string GrantNotActive = "grant_not_active";
    public const string AuthorizationNotOpen = "authorization_not_open";
    public const string CaptureExceedsAuthorization = "capture_exceeds_authorization";
    public const string ReversalExceedsRemaining = "reversal_exceeds_remaining";
    public const string RefundExceedsCaptured = "refund_exceeds_captured";
    public const string InvalidTransition = "invalid_transition";
    public const string ChannelNotConfigured = "channel_not_configured";
    public const string OutcomeUnknown = "outcome_unknown";
    public const string Overloaded = "overloaded";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string VerificationFailed = "verification_failed";
    public const string VerificationLocked = "verification_locked";
    public const string OtpInvalid = "otp_invalid";

    /// <summary>A risk rule whose kind, mode, action or parameters break their rules (the detail names the field).</summary>
    public const string InvalidRule = "invalid_rule";

    /// <summary>The cluster already holds the configured most risk rules; change an existing one instead.</summary>
    public const string RulesLimitReached = "rules_limit_reached";

    /// <summary>The installment plan's APR (the IRR of its flows, annualized) would exceed the configured cap.</summary>
    public const string AprAboveCap = "apr_above_cap";

    /// <summary>A repayment larger than everything owed on the line (fees, installments due, statements, unbilled).</summary>
    public const string RepaymentExceedsBalance = "repayment_exceeds_balance";
}
