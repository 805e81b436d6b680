using BaiTiaoSwitch.Lifecycle;

namespace BaiTiaoSwitch.Risk;

/// <summary>The rules grain's durable state: the rule set at its version, and the answers to recent keyed changes.</summary>
[GenerateSerializer, Alias("bts.RulesState")]
public sealed class RulesState : IKeepsRecentAnswers
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public List<RiskRule> Rules { get; set; } = [];

    [Id(2)] public List<LifecycleAnswer> Answers { get; set; } = [];

    [Id(3)] public long AnswersDropped { get; set; }

    /// <summary>The rule each kept answer answered with, by the answer's scope (only scopes still in <see cref="Answers"/>).</summary>
    [Id(4)] public Dictionary<string, RiskRule> AnsweredRules { get; set; } = new(StringComparer.Ordinal);

    public RuleSet ToRuleSet() => new(Version, [.. Rules]);
}
