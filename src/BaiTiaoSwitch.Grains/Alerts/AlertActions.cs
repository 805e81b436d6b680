using System.Security.Cryptography;
using System.Text;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Risk;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Alerts;

/// <summary>
/// An alert's action, carried out through the very methods the issuer's routes call (suspend the grant, freeze the
/// card, freeze the account), as the cluster itself, so revocation is as immediate as the issuer's own (guarantee 5).
/// Each action's idempotency key comes from the alert's id: republishing an entry replays the first answer. An action
/// the object refuses for good (a cancelled card cannot be frozen) is recorded as not taken, and logged. A shadow
/// firing's alert (its decision, in the same entry, shows the rule fired in shadow mode) is never acted on: shadow
/// rules change nothing.
/// </summary>
public sealed partial class AlertActions(IGrainFactory grains, ILogger<AlertActions> logger) : IAlertActions
{
    public async Task<IReadOnlyList<SwitchEvent>> CarryOut(IReadOnlyList<SwitchEvent> events)
    {
        if (!events.Any(item => Wants(item, events)))
        {
            return events;
        }

        var done = new List<SwitchEvent>(events.Count);
        foreach (var item in events)
        {
            done.Add(Wants(item, events) ? item with { Alert = item.Alert! with { Action = await Take(item.Alert!) } } : item);
        }

        return done;
    }

    /// <summary>The idempotency key of an alert's action: 1–64 chars of [A-Za-z0-9_-], the same for every attempt.</summary>
    public static string KeyOf(string alertId) =>
        "alert-action-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alertId)))[..40];

    private static bool Wants(SwitchEvent item, IReadOnlyList<SwitchEvent> entry) =>
        item.Alert is { Requested: not RiskAction.None, Action: AlertActionTaken.None } alert && !IsShadow(alert, entry);

    /// <summary>True when the entry's decision of the alert's authorization shows the alert's rule fired in shadow mode.</summary>
    private static bool IsShadow(Alert alert, IReadOnlyList<SwitchEvent> entry) =>
        alert.RuleId is { } ruleId && entry.Any(other => other.Decision is { } decision && decision.AuthorizationId == alert.AuthorizationId
            && decision.Firings.Any(firing => firing.RuleId == ruleId && firing.Mode == RiskMode.Shadow));

    private async Task<AlertActionTaken> Take(Alert alert)
    {
        var key = KeyOf(alert.AlertId);
        try
        {
            switch (alert.Requested)
            {
                case RiskAction.SuspendGrant when alert.GrantId is { } grantId:
                    await grains.GetGrain<IAuthorizationGrantGrain>(grantId).Suspend(key);
                    return AlertActionTaken.GrantSuspended;
                case RiskAction.FreezeCard when alert.CardId is { } cardId:
                    await grains.GetGrain<IVirtualCardGrain>(cardId).Freeze(key);
                    return AlertActionTaken.CardFrozen;
                case RiskAction.FreezeAccount when alert.AccountId is { } accountId:
                    await grains.GetGrain<ICreditAccountGrain>(accountId).Freeze(key);
                    return AlertActionTaken.AccountFrozen;
                default:
                    LogNoTarget(alert.AlertId, alert.Requested);
                    return AlertActionTaken.None;
            }
        }
        catch (SwitchException refused) when (!refused.IsRetryable)
        {
            LogRefused(alert.AlertId, alert.Requested, refused.Code);
            return AlertActionTaken.None;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} asks for {Action} but names nothing to act on; recorded as not taken")]
    private partial void LogNoTarget(string alertId, RiskAction action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId}: {Action} was refused ({Code}); recorded as not taken")]
    private partial void LogRefused(string alertId, RiskAction action, string code);
}
