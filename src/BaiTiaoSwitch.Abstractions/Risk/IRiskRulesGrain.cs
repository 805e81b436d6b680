using Orleans.Concurrency;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// The cluster's risk rules (one grain, key <see cref="ClusterKey"/>): versioned, durable cluster configuration. Every
/// change makes a new <see cref="RuleSet"/> version, which reaches every silo's rule-set cache without a restart
/// (silos watch it: <see cref="Watch"/>), so every account decides its next payment against it.
/// </summary>
public interface IRiskRulesGrain : IGrainWithStringKey
{
    public const string ClusterKey = "cluster";

    [IssuerOnly]
    Task<RuleSet> GetRules();

    /// <summary>
    /// Creates or replaces rule <paramref name="ruleId"/>; the answer is the rule as stored, with the new version. It
    /// is answered once every silo watching the rules holds the change (or after <c>RulesPushWaitMax</c>, for a silo
    /// that stopped answering), so a payment decided after the answer is decided with it.
    /// </summary>
    [IssuerOnly]
    Task<RiskRule> PutRule(string idempotencyKey, string ruleId, RuleDraft draft);

    /// <summary>
    /// Answers the rule set as soon as its version differs from <paramref name="knownVersion"/>, or after the watch
    /// hold (a long poll): how a silo's cache learns of a change the moment it is stored. <paramref name="watcher"/>
    /// names the silo; the version it watches from is the version it holds, which a change waits for.
    /// </summary>
    [ClusterInternal, AlwaysInterleave]
    Task<RuleSet> Watch(long knownVersion, string watcher);
}

/// <summary>What <c>PUT /v1/risk/rules/{ruleId}</c> sends: everything of a rule but its id, time and version.</summary>
[GenerateSerializer, Immutable, Alias("bts.RuleDraft")]
public sealed record RuleDraft(
    [property: Id(0)] RiskRuleKind Kind,
    [property: Id(1)] RiskMode Mode,
    [property: Id(2)] RiskAction Action,
    [property: Id(3)] RuleParameters Params);
