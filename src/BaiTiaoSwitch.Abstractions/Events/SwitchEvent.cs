using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Events;

/// <summary>
/// What the switch publishes, from its durable log (an outbox): every decision and every alert. Delivery is at least
/// once; <see cref="EventId"/> is stable (the line, the journal version that made it durable, and its place in that
/// entry), so consumers deduplicate by it.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.SwitchEvent")]
public sealed record SwitchEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DecisionEvent? Decision,
    [property: Id(4)] Alert? Alert)
{
    public string Kind => Decision is not null ? "decision" : "alert";

    public static string IdOf(string accountId, long version, int index) => $"{accountId}~{version}~{index}";
}

/// <summary>One authorization decision (or increment), with everything a rule or a backtest needs to decide it again.</summary>
[GenerateSerializer, Immutable, Alias("bts.DecisionEvent")]
public sealed record DecisionEvent(
    [property: Id(0)] string AuthorizationId,
    [property: Id(1)] string GrantId,
    [property: Id(2)] string CardId,
    [property: Id(3)] string Channel,
    [property: Id(4)] Money Amount,
    [property: Id(5)] Merchant Merchant,
    [property: Id(6)] PayerDevice? Device,
    [property: Id(7)] Decision Decision,
    [property: Id(8)] DeclineReason? Reason,
    [property: Id(9)] IReadOnlyList<RuleFiring> Firings,
    [property: Id(10)] DateTimeOffset AccountOpenedAt);

/// <summary>A rule that fired on a decision, in the mode it had then. An enforce firing declined the payment.</summary>
[GenerateSerializer, Immutable, Alias("bts.RuleFiring")]
public sealed record RuleFiring(
    [property: Id(0)] string RuleId,
    [property: Id(1)] RiskRuleKind Kind,
    [property: Id(2)] RiskMode Mode,
    [property: Id(3)] long RuleSetVersion);
