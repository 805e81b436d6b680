using BaiTiaoSwitch.Gateway.Wire;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Gateway.Payments;

/// <summary>Payment results to wire answers, and enums to their stable snake_case names (no reflection).</summary>
public static class PaymentMapping
{
    public static AuthorizationResponse ToWire(this Authorization authorization) => new(
        authorization.AuthorizationId,
        authorization.GrantId,
        authorization.Status switch
        {
            AuthorizationStatus.Pending => "pending",
            AuthorizationStatus.Closed => "closed",
            AuthorizationStatus.Reversed => "reversed",
            AuthorizationStatus.Expired => "expired",
            _ => "declined",
        },
        authorization.Decision == Decision.Approved ? "approved" : "declined",
        authorization.Reason is { } reason ? ReasonCode(reason) : null,
        authorization.Amount.ToWire(),
        authorization.Captured.ToWire(),
        authorization.Reversed.ToWire(),
        authorization.AvailableCredit.ToWire(),
        authorization.CreatedAt);

    public static CaptureResponse ToWire(this Capture capture) =>
        new(capture.CaptureId, capture.AuthorizationId, capture.Amount.ToWire(), capture.OverLimit, capture.CreatedAt);

    public static RefundResponse ToWire(this Refund refund) =>
        new(refund.RefundId, refund.CaptureId, refund.Amount.ToWire(), refund.CreatedAt);

    public static string ReasonCode(DeclineReason reason) => reason switch
    {
        DeclineReason.GrantNotActive => "grant_not_active",
        DeclineReason.CardNotActive => "card_not_active",
        DeclineReason.AccountNotActive => "account_not_active",
        DeclineReason.MerchantCategoryBlocked => "merchant_category_blocked",
        DeclineReason.ExceedsTransactionLimit => "exceeds_transaction_limit",
        DeclineReason.ExceedsDailyAmount => "exceeds_daily_amount",
        DeclineReason.ExceedsDailyCount => "exceeds_daily_count",
        DeclineReason.ExceedsMonthlyAmount => "exceeds_monthly_amount",
        DeclineReason.ExceedsMonthlyCount => "exceeds_monthly_count",
        DeclineReason.InsufficientCredit => "insufficient_credit",
        _ => "risk_declined",
    };
}
