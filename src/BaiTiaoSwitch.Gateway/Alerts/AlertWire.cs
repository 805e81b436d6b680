using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Gateway.Alerts;

public sealed class ResolveAlertBody
{
    /// <summary>fraud or legitimate.</summary>
    public string? Outcome { get; set; }
}

public sealed record AlertResponse(
    string AlertId,
    string Kind,
    string Severity,
    string? RuleId,
    string? AccountId,
    string? CardId,
    string? GrantId,
    string? MerchantId,
    string? AuthorizationId,
    string Action,
    string? Outcome,
    DateTimeOffset CreatedAt);

public sealed record AlertListResponse(IReadOnlyList<AlertResponse> Alerts);

public static class AlertWire
{
    /// <summary>The kinds an alert may have (API.md): the rule kinds, over_limit and credit_score_drop.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "velocity", "amount_spike", "new_country", "wallet_fanout", "device_reuse", "promo_abuse", Alert.OverLimit, Alert.CreditScoreDrop,
    };

    public static AlertResponse ToWire(this Alert alert) => new(
        alert.AlertId,
        alert.Kind,
        alert.Severity,
        alert.RuleId,
        alert.AccountId,
        alert.CardId,
        alert.GrantId,
        alert.MerchantId,
        alert.AuthorizationId,
        alert.Action switch
        {
            AlertActionTaken.GrantSuspended => "grant_suspended",
            AlertActionTaken.CardFrozen => "card_frozen",
            AlertActionTaken.AccountFrozen => "account_frozen",
            _ => "none",
        },
        alert.Outcome switch { AlertOutcome.Fraud => "fraud", AlertOutcome.Legitimate => "legitimate", _ => null },
        alert.CreatedAt);

    public static AlertOutcome ToOutcome(this string? outcome) => outcome switch
    {
        "fraud" => AlertOutcome.Fraud,
        "legitimate" => AlertOutcome.Legitimate,
        _ => throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'outcome' must be fraud or legitimate."),
    };
}
