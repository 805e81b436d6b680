using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// The rules' step in one authorization decision (<see cref="Holds.Authorize"/>): after the limits and the credit check
/// passed, it evaluates the silo's current rule set (read from <see cref="RuleSetCache"/> at that moment, so a change
/// reaches the next decision) and declines with risk_declined when an enforce rule fires; on approval it records the
/// payment in the line's risk memory. What fired is kept for the decision's event and alerts. Every rule evaluated
/// (mode enforce or shadow) is counted, fired or not (<see cref="Telemetry.SwitchMetrics.RecordRuleEvaluations"/>).
/// </summary>
public sealed class RiskScreen(RuleSetCache rules, ICrossAccountVerdicts verdicts, RiskOptions options)
{
    public IReadOnlyList<RiskFinding> Findings { get; private set; } = [];

    public DeclineReason? Screen(AccountBook book, RiskInput input)
    {
        var set = rules.Current;
        Findings = RiskEngine.Evaluate(set, book.Risk, RiskMemory.Recent(book), input, verdicts);
        Telemetry.SwitchMetrics.RecordRuleEvaluations(set, Findings);
        for (var index = 0; index < Findings.Count; index++)
        {
            if (Findings[index].Enforced)
            {
                return DeclineReason.RiskDeclined;
            }
        }

        return null;
    }

    /// <summary>The payment was declined before the rules' step: nothing was evaluated, nothing fired.</summary>
    public void Skipped() => Findings = [];

    public void Approved(AccountBook book, RiskInput input) => RiskMemory.Record(book, input, options);
}
