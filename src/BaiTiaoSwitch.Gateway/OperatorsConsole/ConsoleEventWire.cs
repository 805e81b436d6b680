using System.Text.Json;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Gateway.Payments;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Gateway.OperatorsConsole;

/// <summary>
/// One event as a server-sent event of the console's feed: <c>id</c> the stable event id, <c>event</c> decision or alert,
/// <c>data</c> JSON in API.md's names (camelCase fields, snake_case values; an alert exactly as API.md's Alert). Written
/// by hand: no reflection. It names ids and amounts, never a card number, phone or identity number.
/// </summary>
public static class ConsoleEventWire
{
    public static string Kind(SwitchEvent item) => item.Decision is not null ? "decision" : "alert";

    public static void Write(Utf8JsonWriter json, SwitchEvent item)
    {
        json.WriteStartObject();
        json.WriteString("eventId", item.EventId);
        json.WriteString("kind", Kind(item));
        json.WriteString("accountId", item.AccountId);
        json.WriteString("at", item.At);
        if (item.Decision is { } decision)
        {
            json.WriteStartObject("decision");
            json.WriteString("authorizationId", decision.AuthorizationId);
            json.WriteString("grantId", decision.GrantId);
            json.WriteString("cardId", decision.CardId);
            json.WriteString("channel", decision.Channel);
            WriteMoney(json, "amount", decision.Amount);
            json.WriteString("merchantId", decision.Merchant.Id);
            json.WriteString("merchantCountry", decision.Merchant.Country);
            json.WriteString("decision", decision.Decision == Decision.Approved ? "approved" : "declined");
            if (decision.Reason is { } reason)
            {
                json.WriteString("reason", PaymentMapping.ReasonCode(reason));
            }

            json.WriteStartArray("firings");
            foreach (var firing in decision.Firings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", firing.RuleId);
                json.WriteString("kind", RuleKind(firing.Kind));
                json.WriteString("mode", firing.Mode == RiskMode.Enforce ? "enforce" : firing.Mode == RiskMode.Shadow ? "shadow" : "off");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        if (item.Alert is { } alert)
        {
            json.WriteStartObject("alert");
            json.WriteString("alertId", alert.AlertId);
            json.WriteString("kind", alert.Kind);
            json.WriteString("severity", alert.Severity);
            WriteOptional(json, "ruleId", alert.RuleId);
            WriteOptional(json, "accountId", alert.AccountId);
            WriteOptional(json, "cardId", alert.CardId);
            WriteOptional(json, "grantId", alert.GrantId);
            WriteOptional(json, "merchantId", alert.MerchantId);
            WriteOptional(json, "authorizationId", alert.AuthorizationId);
            json.WriteString("action", alert.Action switch
            {
                AlertActionTaken.GrantSuspended => "grant_suspended",
                AlertActionTaken.CardFrozen => "card_frozen",
                AlertActionTaken.AccountFrozen => "account_frozen",
                _ => "none",
            });
            if (alert.Outcome is { } outcome)
            {
                json.WriteString("outcome", outcome == AlertOutcome.Fraud ? "fraud" : "legitimate");
            }

            json.WriteString("createdAt", alert.CreatedAt);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>A rule kind's wire name (API.md).</summary>
    public static string RuleKind(RiskRuleKind kind) => kind switch
    {
        RiskRuleKind.Velocity => "velocity",
        RiskRuleKind.AmountSpike => "amount_spike",
        RiskRuleKind.NewCountry => "new_country",
        RiskRuleKind.WalletFanout => "wallet_fanout",
        RiskRuleKind.DeviceReuse => "device_reuse",
        _ => "promo_abuse",
    };

    private static void WriteMoney(Utf8JsonWriter json, string name, Money money)
    {
        json.WriteStartObject(name);
        json.WriteNumber("amount", money.Amount);
        json.WriteString("currency", money.Currency);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
