using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Events;

/// <summary>The events a line's decisions make, added to the batch being built (see <see cref="AccountBook.Emit"/>).</summary>
public static class LineEvents
{
    /// <summary>An authorization decision, approved or declined, with what a rule or a backtest needs to decide it again.</summary>
    public static void Decided(AccountBook book, AuthorizationRecord record, Merchant merchant, PayerDevice? device, DateTimeOffset at, IReadOnlyList<RuleFiring>? firings = null)
    {
        var openedAt = book.Header.OpenedAt;
        var decision = new DecisionEvent(record.AuthorizationId, record.GrantId, record.CardId, record.Channel, new Money(record.Amount, book.Currency), merchant, device,
            record.IsApproved ? Decision.Approved : Decision.Declined, record.Reason, firings ?? [], openedAt);
        book.Emit((id, when) => new SwitchEvent(id, book.Header.AccountId, when, decision, null), at);
        Telemetry.SwitchMetrics.RecordDecision(decision);
    }

    /// <summary>
    /// A rule that fired on a decision (enforce or shadow): an alert of the rule's kind, naming the rule and asking for
    /// its action (carried out by the line's outbox, through the issuer's own path, before the alert is published). Severity: high for an enforce
    /// rule with an action, medium for an enforce rule, low for a shadow rule.
    /// </summary>
    public static void RuleFired(AccountBook book, AuthorizationRecord record, Merchant merchant, RiskFinding finding, DateTimeOffset at)
    {
        var rule = finding.Rule;
        var severity = !finding.Enforced ? "low" : rule.Action == RiskAction.None ? "medium" : "high";
        var raised = new Alert(AccountAlerts.NextAlertId(book, record.GrantId), RiskNames.Of(rule.Kind), severity, rule.RuleId, book.Header.AccountId, record.CardId,
            record.GrantId, merchant.Id, record.AuthorizationId, AlertActionTaken.None, null, at, rule.Action);
        book.Emit((id, when) => new SwitchEvent(id, book.Header.AccountId, when, null, raised), at);
        Telemetry.SwitchMetrics.RecordAlert(raised);
    }

    /// <summary>An alert the line raised (today: a forced posting, <c>over_limit</c>).</summary>
    public static void Raised(AccountBook book, AccountAlert alert)
    {
        var raised = new Alert(alert.AlertId, alert.Kind, alert.Severity.ToString().ToLowerInvariant(), null, book.Header.AccountId, alert.CardId, alert.GrantId, null,
            alert.AuthorizationId, AlertActionTaken.None, null, alert.CreatedAt);
        book.Emit((id, when) => new SwitchEvent(id, book.Header.AccountId, when, null, raised), alert.CreatedAt);
        Telemetry.SwitchMetrics.RecordAlert(raised);
    }

    /// <summary>
    /// A credit-score change that took the line to a lower band: <c>credit_score_drop</c>, naming the account only. High
    /// when the new limit is below what the line uses (new approvals are blocked until use falls), medium otherwise.
    /// </summary>
    public static void ScoreDropped(AccountBook book, DateTimeOffset at)
    {
        var header = book.Header;
        var severity = header.Available < 0 ? "high" : "medium";
        var raised = new Alert(AccountAlerts.NextAlertId(book, ScoreAlertKey(header.AccountId)), Alert.CreditScoreDrop, severity, null, header.AccountId, null, null,
            null, null, AlertActionTaken.None, null, at);
        book.Emit((id, when) => new SwitchEvent(id, header.AccountId, when, null, raised), at);
        Telemetry.SwitchMetrics.RecordAlert(raised);
    }

    /// <summary>An account id may take all 64 characters of an id; its alerts carry a short hash of it instead.</summary>
    private static string ScoreAlertKey(string accountId) =>
        "cs" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(accountId)))[..20];
}
