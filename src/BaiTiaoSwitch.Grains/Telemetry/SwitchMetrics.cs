using System.Diagnostics.Metrics;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Telemetry;

/// <summary>
/// Every instrument of the switch, on one <see cref="Meter"/> named <see cref="MeterName"/>, recorded where the thing
/// happens (in the core). Hosts export it with OpenTelemetry (Prometheus text at <c>/metrics</c>, OTLP when configured).
/// Recording is a few nanoseconds and does no I/O, so it may run inside a grain's synchronous decision. Tags are
/// low-cardinality by design: reasons, kinds and modes, never an account, card or merchant id.
/// </summary>
public static class SwitchMetrics
{
    public const string MeterName = "BaiTiaoSwitch";

    public static readonly Meter Meter = new(MeterName);

    private static readonly IReadOnlyList<long> SizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
    private static readonly IReadOnlyList<double> MillisecondBuckets = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

    /// <summary>Authorization decisions (new authorizations and increments): tag <c>decision</c> approved|declined, <c>reason</c> a decline reason or none.</summary>
    public static readonly Counter<long> Decisions = Meter.CreateCounter<long>("bts.decisions", "{decision}",
        "Authorization decisions, by decision and decline reason");

    /// <summary>From the account receiving an authorization to its answer, durable: tag <c>decision</c>.</summary>
    public static readonly Histogram<double> AuthorizationDuration = Meter.CreateHistogram("bts.authorization.duration", "ms",
        "Time for the account to decide an authorization and make it durable", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MillisecondBuckets });

    /// <summary>
    /// How many things one durable write carried: tag <c>batch</c> <c>line_entry</c> (requests in one journal entry of a
    /// line), <c>commit_log</c> (line entries in one commit-log transaction) or <c>request_keys</c> (key claims in one
    /// transaction).
    /// </summary>
    public static readonly Histogram<long> BatchSize = Meter.CreateHistogram("bts.batch.size", "{item}",
        "Items per durable write (group commit)", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = SizeBuckets });

    /// <summary>One storage transaction, from submit to answer: tag <c>store</c> (commit_log, request_keys), <c>outcome</c> ok|failed.</summary>
    public static readonly Histogram<double> StorageWriteDuration = Meter.CreateHistogram("bts.storage.write.duration", "ms",
        "Latency of one storage write transaction", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MillisecondBuckets });

    /// <summary>Alerts raised: tag <c>kind</c> (a rule kind in snake_case, over_limit, credit_score_drop), <c>severity</c>, <c>action</c>.</summary>
    public static readonly Counter<long> Alerts = Meter.CreateCounter<long>("bts.alerts", "{alert}", "Alerts raised, by kind");

    /// <summary>
    /// Risk rules evaluated inside decisions: tag <c>kind</c>, <c>mode</c> (enforce|shadow), <c>fired</c> true|false. Every
    /// rule the decision evaluated (mode not off) counts once, fired or not (<see cref="RecordRuleEvaluations"/>).
    /// Backtests are not counted: they are not decisions.
    /// </summary>
    public static readonly Counter<long> RuleEvaluations = Meter.CreateCounter<long>("bts.rule.evaluations", "{evaluation}",
        "Risk rule evaluations, by kind, mode and whether the rule fired");

    private static readonly string[] ReasonNames = Enum.GetValues<DeclineReason>().Select(reason => SnakeCase(reason.ToString())).ToArray();
    private static readonly string[] RuleKindNames = Enum.GetValues<RiskRuleKind>().Select(kind => SnakeCase(kind.ToString())).ToArray();
    private static readonly string[] ModeNames = Enum.GetValues<RiskMode>().Select(mode => SnakeCase(mode.ToString())).ToArray();

    public static void RecordDecision(DeclineReason? reason)
    {
        if (Decisions.Enabled)
        {
            Decisions.Add(1, new("decision", reason is null ? "approved" : "declined"), new("reason", reason is { } r ? ReasonName(r) : "none"));
        }
    }

    /// <summary>A new authorization's decision (its rule evaluations are counted where the rules ran: <see cref="RecordRuleEvaluations"/>).</summary>
    public static void RecordDecision(DecisionEvent decision) => RecordDecision(decision.Reason);

    /// <summary>
    /// Counts every rule of <paramref name="rules"/> that one decision evaluated (mode not off), fired or not (fired: it
    /// has a finding, by rule id, in any order). Allocation-free: indexed loops, cached tag names, the
    /// three-tag overload (it runs on every payment); nothing at all without a listener.
    /// </summary>
    public static void RecordRuleEvaluations(RuleSet rules, IReadOnlyList<RiskFinding> findings)
    {
        if (!RuleEvaluations.Enabled)
        {
            return;
        }

        var all = rules.Rules;
        for (var index = 0; index < all.Count; index++)
        {
            var rule = all[index];
            if (rule.Mode != RiskMode.Off)
            {
                RecordRuleEvaluation(rule.Kind, rule.Mode, Fired(rule, findings));
            }
        }
    }

    private static bool Fired(RiskRule rule, IReadOnlyList<RiskFinding> findings)
    {
        for (var index = 0; index < findings.Count; index++)
        {
            if (string.Equals(findings[index].Rule.RuleId, rule.RuleId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static void RecordAuthorization(TimeSpan elapsed, bool approved) =>
        AuthorizationDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("decision", approved ? "approved" : "declined"));

    public static void RecordBatch(string batch, long items) => BatchSize.Record(items, new KeyValuePair<string, object?>("batch", batch));

    public static void RecordStorageWrite(string store, TimeSpan elapsed, bool succeeded) =>
        StorageWriteDuration.Record(elapsed.TotalMilliseconds, new("store", store), new("outcome", succeeded ? "ok" : "failed"));

    public static void RecordAlert(Alert alert) =>
        Alerts.Add(1, new("kind", alert.Kind), new("severity", alert.Severity), new("action", ActionName(alert.Action)));

    private static string ActionName(AlertActionTaken action) => action switch
    {
        AlertActionTaken.GrantSuspended => "grant_suspended",
        AlertActionTaken.CardFrozen => "card_frozen",
        AlertActionTaken.AccountFrozen => "account_frozen",
        _ => "none",
    };

    public static void RecordRuleEvaluation(RiskRuleKind kind, RiskMode mode, bool fired) =>
        RuleEvaluations.Add(1, new("kind", RuleKindName(kind)), new("mode", ModeNames[(int)mode]), new("fired", fired ? "true" : "false"));

    /// <summary>The wire name of a decline reason (API.md): <c>InsufficientCredit</c> → <c>insufficient_credit</c>.</summary>
    public static string ReasonName(DeclineReason reason) => (int)reason < ReasonNames.Length ? ReasonNames[(int)reason] : SnakeCase(reason.ToString());

    public static string RuleKindName(RiskRuleKind kind) => (int)kind < RuleKindNames.Length ? RuleKindNames[(int)kind] : SnakeCase(kind.ToString());

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
