namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>
/// <see cref="ICrossAccountVerdicts"/> over a view of verdicts: live, this silo's <see cref="VerdictCache"/>; in a
/// backtest, the windows rebuilt as they stood. The same evaluators either way.
/// </summary>
public sealed class CrossAccountVerdicts(IVerdictView view) : ICrossAccountVerdicts
{
    public CrossAccountFinding Evaluate(RiskRule rule, RiskInput input) => CrossAccountRules.Evaluate(rule, input, view);
}
