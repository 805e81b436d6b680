using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// Everything a rule reads of the payment being decided. All of it is on the recorded <see cref="DecisionEvent"/>, so
/// a backtest rebuilds the same input from the log.
/// </summary>
public sealed record RiskInput(
    string AccountId,
    string GrantId,
    string CardId,
    string Channel,
    long Amount,
    Merchant Merchant,
    PayerDevice? Device,
    DateTimeOffset At,
    DateTimeOffset AccountOpenedAt)
{
    public static RiskInput Of(string accountId, DecisionEvent decision, DateTimeOffset at) => new(accountId, decision.GrantId, decision.CardId,
        decision.Channel, decision.Amount.Amount, decision.Merchant, decision.Device, at, decision.AccountOpenedAt);
}
