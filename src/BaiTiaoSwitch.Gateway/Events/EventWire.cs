using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Gateway.Alerts;
using BaiTiaoSwitch.Gateway.Payments;
using BaiTiaoSwitch.Gateway.Wire;

namespace BaiTiaoSwitch.Gateway.Events;

/// <summary>One event of <c>GET /v1/events</c>: a decision or an alert (<see cref="Kind"/> says which).</summary>
public sealed record EventResponse(
    string EventId,
    string Kind,
    string AccountId,
    DateTimeOffset At,
    DecisionResponse? Decision,
    AlertResponse? Alert);

/// <summary>An authorization decision: what was asked, through which grant, and the answer (the rules that fired are the issuer's to see).</summary>
public sealed record DecisionResponse(
    string AuthorizationId,
    string GrantId,
    string CardId,
    string Channel,
    MoneyResponse Amount,
    string MerchantId,
    string MerchantCountry,
    string Decision,
    string? Reason,
    IReadOnlyList<string> FiredRuleIds);

public static class EventWire
{
    public static EventResponse ToWire(this SwitchEvent item) => new(
        item.EventId,
        item.Kind,
        item.AccountId,
        item.At,
        item.Decision is { } decision
            ? new DecisionResponse(decision.AuthorizationId, decision.GrantId, decision.CardId, decision.Channel, decision.Amount.ToWire(), decision.Merchant.Id,
                decision.Merchant.Country, decision.Decision == global::BaiTiaoSwitch.Payments.Decision.Approved ? "approved" : "declined",
                decision.Reason is { } reason ? PaymentMapping.ReasonCode(reason) : null, [.. decision.Firings.Select(firing => firing.RuleId)])
            : null,
        item.Alert?.ToWire());
}
