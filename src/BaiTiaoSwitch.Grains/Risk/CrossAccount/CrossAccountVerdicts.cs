namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>The live <see cref="ICrossAccountVerdicts"/>: the evaluators over this silo's verdict cache.</summary>
public sealed class CrossAccountVerdicts(VerdictCache cache) : ICrossAccountVerdicts
{
    public CrossAccountFinding Evaluate(RiskRule rule, CrossAccountAuthorization authorization) => CrossAccountRules.Evaluate(rule, authorization, cache);
}
