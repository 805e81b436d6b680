using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Client;

// Risk rules (issuer)
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>The cluster's rule set: every rule, at the set's current version.</summary>
    public Task<RuleSet> GetRiskRulesAsync(CancellationToken cancellationToken = default) =>
        calls.Read(() => RulesGrain().GetRules(), cancellationToken);

    /// <summary>
    /// Creates or replaces rule <paramref name="ruleId"/>. Once answered, the change is durable and on its way to every
    /// silo: each account decides its next payment against it as soon as its silo holds it (docs/risk.md says how fast).
    /// </summary>
    public Task<RiskRule> PutRiskRuleAsync(string ruleId, RuleDraft draft, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Ids.Require(ruleId, "ruleId");
        return calls.Write(Key(options), key => RulesGrain().PutRule(key, ruleId, draft), static (rule, _) => rule, cancellationToken);
    }

    private IRiskRulesGrain RulesGrain() => grains.GetGrain<IRiskRulesGrain>(IRiskRulesGrain.ClusterKey);
}
