using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk.CrossAccount;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// Replays recorded decisions, in their original order, through a proposed rule set. Every decision is judged with its
/// counters as they stood then: the windows hold what was approved live before it (velocity per grant, card, account,
/// device and merchant; device and IP reuse; promo bursts), rebuilt from the record with the same monitors and
/// evaluators the live path uses. Only decisions that passed the limits live (approved, or declined by a risk rule) can
/// be declined by a rule; an enforce rule that fires declines, a shadow one does not. Pure and deterministic.
/// </summary>
public sealed class BacktestReplay : IVerdictView
{
    private readonly IReadOnlyList<RiskRule> enforced;
    private readonly IReadOnlyDictionary<string, AlertOutcome> labels;
    private readonly Dictionary<string, VerdictOptions> windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SignalMonitor> monitors = new(StringComparer.Ordinal);

    public BacktestReplay(IReadOnlyList<RiskRule> rules, IReadOnlyDictionary<string, AlertOutcome> labels)
    {
        foreach (var rule in rules)
        {
            if (!Replayable(rule))
            {
                throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"Rule '{rule.RuleId}': a backtest cannot replay kind {rule.Kind} yet (velocity, device_reuse and promo_abuse it can).");
            }
        }

        enforced = [.. rules.Where(rule => rule.Mode == RiskMode.Enforce)];
        this.labels = labels;
        // Each kind of subject keeps the longest window of the rules that read it, and only those are kept at all.
        foreach (var rule in rules.Where(rule => rule.Mode == RiskMode.Enforce))
        {
            foreach (var kind in SubjectKindsOf(rule))
            {
                var window = TimeSpan.FromSeconds(Math.Max(1, rule.Params.WindowSeconds ?? 0));
                if (!windows.TryGetValue(kind, out var kept) || kept.WindowMax < window)
                {
                    windows[kind] = new VerdictOptions { WindowMax = window, EntriesPerSubjectMax = EntriesPerSubjectMax };
                }
            }
        }
    }

    /// <summary>Decisions one replay window keeps per subject (a grant, card, account, device, IP or merchant).</summary>
    public const int EntriesPerSubjectMax = 100_000;

    public long Decisions { get; private set; }

    public long WouldDecline { get; private set; }

    public long WouldDeclineFraud { get; private set; }

    public long WouldDeclineLegitimate { get; private set; }

    public long MissedFraud { get; private set; }

    public static bool Replayable(RiskRule rule) => rule.Kind is RiskRuleKind.Velocity or RiskRuleKind.DeviceReuse or RiskRuleKind.PromoAbuse;

    public SignalWindow? Window(string subject) => monitors.TryGetValue(subject, out var monitor) ? monitor.View() : null;

    /// <summary>Judges the next recorded decision, then adds it to the windows as it was decided live.</summary>
    public void Replay(SwitchEvent recorded)
    {
        if (recorded.Decision is not { } decision)
        {
            return;
        }

        Decisions++;
        var label = labels.TryGetValue(decision.AuthorizationId, out var outcome) ? outcome : (AlertOutcome?)null;
        var passedLimits = decision.Decision == Decision.Approved || decision.Reason == DeclineReason.RiskDeclined;
        var declines = passedLimits && enforced.Any(rule => Fires(rule, recorded, decision));
        if (declines)
        {
            WouldDecline++;
            WouldDeclineFraud += label == AlertOutcome.Fraud ? 1 : 0;
            WouldDeclineLegitimate += label == AlertOutcome.Legitimate ? 1 : 0;
        }
        else if (label == AlertOutcome.Fraud)
        {
            MissedFraud++;
        }

        var entry = SignalEntry.Of(recorded, decision);
        foreach (var subject in SignalSubjects.Of(decision.Merchant.Id, decision.Device).Concat(AccountSubjects(recorded.AccountId, decision)))
        {
            if (!monitors.TryGetValue(subject, out var monitor))
            {
                if (!windows.TryGetValue(subject[..subject.IndexOf(':', StringComparison.Ordinal)], out var window))
                {
                    continue;
                }

                monitors[subject] = monitor = new SignalMonitor(subject, window, deduplicate: false);
            }

            monitor.Observe(entry);
        }
    }

    private bool Fires(RiskRule rule, SwitchEvent recorded, DecisionEvent decision)
    {
        var authorization = new CrossAccountAuthorization(recorded.AccountId, decision.AccountOpenedAt, decision.Amount.Amount, decision.Merchant.Id, decision.Device, recorded.At);
        if (CrossAccountRules.Handles(rule))
        {
            return CrossAccountRules.Evaluate(rule, authorization, this).Fires;
        }

        var subject = rule.Params.Scope switch
        {
            VelocityScope.Grant => "grant:" + decision.GrantId,
            VelocityScope.Card => "card:" + decision.CardId,
            _ => "account:" + recorded.AccountId,
        };
        return CrossAccountRules.VelocityExceeded(rule.Params, Window(subject), authorization);
    }

    private static IEnumerable<string> SubjectKindsOf(RiskRule rule) => rule.Kind switch
    {
        RiskRuleKind.DeviceReuse => ["device", "ip"],
        RiskRuleKind.PromoAbuse => ["merchant"],
        _ => rule.Params.Scope switch
        {
            VelocityScope.Device => ["device"],
            VelocityScope.Merchant => ["merchant"],
            VelocityScope.Grant => ["grant"],
            VelocityScope.Card => ["card"],
            _ => ["account"],
        },
    };

    private static IEnumerable<string> AccountSubjects(string accountId, DecisionEvent decision) =>
        ["grant:" + decision.GrantId, "card:" + decision.CardId, "account:" + accountId];
}
