using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Client;

// Risk rules (issuer)
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>The cluster's rule set: every rule, at the set's current version.</summary>
    public Task<RuleSet> GetRiskRulesAsync(CancellationToken cancellationToken = default) =>
        calls.Read(() => RulesGrain().GetRules(), cancellationToken);

    /// <summary>
    /// Creates or replaces rule <paramref name="ruleId"/>. Once answered, the change is durable and every silo holds it
    /// (one that does not confirm within <c>RulesPushWaitMax</c> gets it when it next watches), so every account decides
    /// its next payment with it (docs/risk.md).
    /// </summary>
    public Task<RiskRule> PutRiskRuleAsync(string ruleId, RuleDraft draft, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Ids.Require(ruleId, "ruleId");
        return calls.Write(Key(options), key => RulesGrain().PutRule(key, ruleId, draft), static (rule, _) => rule, cancellationToken);
    }

    /// <summary>
    /// Replays the recorded authorizations of [from, to), in their original order, through <paramref name="request"/>'s
    /// rules (POST /v1/risk/backtests). Off the payment path: it reads the decision history, not live accounts.
    /// </summary>
    public Task<Backtest> RunBacktestAsync(BacktestRequest request, CancellationToken cancellationToken = default) =>
        calls.Read(() => grains.GetGrain<IBacktestGrain>("bt-" + Guid.NewGuid().ToString("N")).Run(request), cancellationToken);

    private IRiskRulesGrain RulesGrain() => grains.GetGrain<IRiskRulesGrain>(IRiskRulesGrain.ClusterKey);
}
