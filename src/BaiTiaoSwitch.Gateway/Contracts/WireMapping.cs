using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Gateway.Contracts;

/// <summary>Core results to wire answers, and enums to their stable snake_case names (no reflection).</summary>
public static class WireMapping
{
    public static MoneyResponse ToWire(this Money money) => new(money.Amount, money.Currency);

    public static AccountResponse ToWire(this AccountSnapshot account) => new(
        account.AccountId,
        account.Status switch { AccountStatus.Active => "active", AccountStatus.Frozen => "frozen", _ => "closed" },
        account.CreditLimit.ToWire(),
        account.Available.ToWire(),
        account.Pending.ToWire(),
        account.Posted.ToWire(),
        account.OverLimit.ToWire());

    public static CardResponse ToWire(this Card card, string? cardNumber = null) => new(
        card.CardId,
        card.AccountId,
        card.Last4,
        card.Expiry,
        card.Status switch { CardStatus.Active => "active", CardStatus.Frozen => "frozen", _ => "cancelled" },
        cardNumber);

    /// <summary>The wallet token shows only when <paramref name="viewer"/> owns the grant.</summary>
    public static GrantResponse ToWire(this Grant grant, Caller viewer) => new(
        grant.GrantId,
        grant.Channel,
        grant.CardId,
        grant.Last4,
        grant.Status switch
        {
            GrantStatus.PendingVerification => "pending_verification",
            GrantStatus.Active => "active",
            GrantStatus.Suspended => "suspended",
            GrantStatus.Revoked => "revoked",
            _ => "expired",
        },
        string.Equals(grant.Channel, viewer.Channel, StringComparison.Ordinal) ? grant.WalletToken : null,
        new LimitsResponse(grant.Limits.PerTransactionMax, grant.Limits.DailyAmountMax, grant.Limits.DailyCountMax, grant.Limits.MonthlyAmountMax, grant.Limits.MonthlyCountMax),
        grant.CreatedAt);

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
