using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// The rules' step in one authorization decision (<see cref="Holds.Authorize"/>): after the limits and the credit check
/// passed, it evaluates the silo's current rule set (read from <see cref="RuleSetCache"/> at that moment, so a change
/// reaches the next decision) and declines with risk_declined when an enforce rule fires; on approval it records the
/// payment in the line's risk memory. What fired is kept for the decision's event and alerts.
/// </summary>
public sealed class RiskScreen(RuleSetCache rules, ICrossAccountVerdicts verdicts, RiskOptions options)
{
    public IReadOnlyList<RiskFinding> Findings { get; private set; } = [];

    public DeclineReason? Screen(AccountBook book, RiskInput input)
    {
        Findings = RiskEngine.Evaluate(rules.Current, book.Risk, RiskMemory.Recent(book), input, verdicts);
        return Findings.Any(finding => finding.Enforced) ? DeclineReason.RiskDeclined : null;
    }

    /// <summary>The payment was declined before the rules' step: nothing was evaluated, nothing fired.</summary>
    public void Skipped() => Findings = [];

    public void Approved(AccountBook book, RiskInput input) => RiskMemory.Record(book, input, options);
}
