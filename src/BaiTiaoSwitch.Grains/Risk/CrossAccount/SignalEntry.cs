using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>
/// One decision as a monitor keeps it: who paid, when (the switch's clock), how much (minor units), whether it was
/// approved (only approved payments are counted), and the rules that fired on it (so a burst raises one alert).
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.SignalEntry")]
public sealed record SignalEntry(
    [property: Id(0)] string EventId,
    [property: Id(1)] string AuthorizationId,
    [property: Id(2)] string AccountId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] long Amount,
    [property: Id(5)] DateTimeOffset AccountOpenedAt,
    [property: Id(6)] bool Approved,
    [property: Id(7)] IReadOnlyList<string> FiredRuleIds)
{
    public static SignalEntry Of(SwitchEvent switchEvent, DecisionEvent decision) =>
        new(switchEvent.EventId, decision.AuthorizationId, switchEvent.AccountId, switchEvent.At, decision.Amount.Amount, decision.AccountOpenedAt,
            decision.Decision == Payments.Decision.Approved, [.. decision.Firings.Select(firing => firing.RuleId)]);
}
