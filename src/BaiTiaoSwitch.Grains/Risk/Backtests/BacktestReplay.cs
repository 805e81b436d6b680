using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk.CrossAccount;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// Replays recorded decisions, in their original order, through a proposed rule set with the live engine
/// (<see cref="RiskEngine.Evaluate"/>): each decision is judged with its inputs as they stood then — the line's risk
/// memory (ring of approvals, amount sketch, countries) rebuilt by <see cref="RiskMemory"/>'s own functions, and the
/// device, IP and merchant windows rebuilt by the monitors' own <see cref="SignalMonitor"/> with the live settings —
/// from what was approved live before it. Only decisions that passed the limits live (approved, or declined by a risk
/// rule) reach the rules, as live; an enforce rule that fires declines, a shadow one does not. Pure and deterministic.
/// </summary>
public sealed class BacktestReplay : IVerdictView
{
    private readonly RuleSet rules;
    private readonly IReadOnlyDictionary<string, AlertOutcome> labels;
    private readonly RiskOptions riskOptions;
    private readonly VerdictOptions verdictOptions;
    private readonly CrossAccountVerdicts verdicts;
    private readonly HashSet<string> subjectKinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SignalMonitor> monitors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LineReplay> lines = new(StringComparer.Ordinal);

    public BacktestReplay(IReadOnlyList<RiskRule> rules, IReadOnlyDictionary<string, AlertOutcome> labels, RiskOptions riskOptions, VerdictOptions verdictOptions)
    {
        this.rules = new RuleSet(0, rules);
        this.labels = labels;
        this.riskOptions = riskOptions;
        this.verdictOptions = verdictOptions;
        verdicts = new CrossAccountVerdicts(this);
        foreach (var rule in rules.Where(rule => rule.Mode != RiskMode.Off && RiskEngine.CrossAccount(rule)))
        {
            subjectKinds.UnionWith(rule.Kind == RiskRuleKind.DeviceReuse ? ["device", "ip"]
                : rule.Kind == RiskRuleKind.PromoAbuse || rule.Params.Scope == VelocityScope.Merchant ? ["merchant"] : ["device"]);
        }
    }

    public long Decisions { get; private set; }

    public long WouldDecline { get; private set; }

    public long WouldDeclineFraud { get; private set; }

    public long WouldDeclineLegitimate { get; private set; }

    public long MissedFraud { get; private set; }

    public SignalWindow? Window(string subject) => monitors.TryGetValue(subject, out var monitor) ? monitor.View() : null;

    /// <summary>Judges the next recorded decision, then adds it to the memories and windows as it was decided live.</summary>
    public void Replay(SwitchEvent recorded)
    {
        if (recorded.Decision is not { } decision)
        {
            return;
        }

        Decisions++;
        var input = RiskInput.Of(recorded.AccountId, decision, recorded.At);
        var line = lines.TryGetValue(recorded.AccountId, out var known) ? known : lines[recorded.AccountId] = new LineReplay();
        var label = labels.TryGetValue(decision.AuthorizationId, out var outcome) ? outcome : (AlertOutcome?)null;
        var passedLimits = decision.Decision == Decision.Approved || decision.Reason == DeclineReason.RiskDeclined;
        var declines = passedLimits && RiskEngine.Evaluate(rules, line.Profile, line.Recent, input, verdicts).Any(finding => finding.Enforced);
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

        if (decision.Decision == Decision.Approved)
        {
            line.Approved(input, riskOptions);
        }

        Observe(recorded, decision);
    }

    private void Observe(SwitchEvent recorded, DecisionEvent decision)
    {
        if (subjectKinds.Count == 0)
        {
            return;
        }

        var entry = SignalEntry.Of(recorded, decision);
        foreach (var subject in SignalSubjects.Of(decision.Merchant.Id, decision.Device))
        {
            if (!monitors.TryGetValue(subject, out var monitor))
            {
                if (!subjectKinds.Contains(subject[..subject.IndexOf(':', StringComparison.Ordinal)]))
                {
                    continue;
                }

                monitors[subject] = monitor = new SignalMonitor(subject, verdictOptions, deduplicate: false);
            }

            monitor.Observe(entry);
        }
    }

    /// <summary>One line's risk memory as it stood, rebuilt from its approvals exactly as <see cref="RiskMemory.Record"/> keeps it.</summary>
    private sealed class LineReplay
    {
        private readonly List<RecentPayment> ring = [];

        public RiskProfile Profile { get; private set; } = RiskProfile.Empty;

        public IEnumerable<RecentPayment> Recent => ring;

        public void Approved(RiskInput input, RiskOptions options)
        {
            var slot = RiskMemory.SlotOf(Profile, options);
            if (slot < ring.Count)
            {
                ring[slot] = RiskMemory.PaymentOf(input);
            }
            else
            {
                ring.Add(RiskMemory.PaymentOf(input));
            }

            Profile = RiskMemory.Next(Profile, input, options);
        }
    }
}
