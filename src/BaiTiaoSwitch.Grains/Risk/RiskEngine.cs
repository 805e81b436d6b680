using BaiTiaoSwitch.Events;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// A rule that fired, with the rule as it was (its action is what the alert asks for). <see cref="RaisesAlert"/> is false
/// only for a promo_abuse firing whose burst already raised its alert.
/// </summary>
public sealed record RiskFinding(RiskRule Rule, RuleFiring Firing, bool RaisesAlert = true)
{
    public bool Enforced => Firing.Mode == RiskMode.Enforce;
}

/// <summary>
/// Evaluates a rule set on one payment, inside the account's synchronous decision: a pure function of the rules, the
/// line's risk memory, the payment and the cross-account verdicts. No I/O, no clock but the payment's own time, no
/// randomness, so a backtest that rebuilds the same inputs gets the same firings. Rules in mode off are skipped; every
/// other rule that fires is returned in rule-set order, whatever its mode (a shadow firing changes nothing).
/// </summary>
public static class RiskEngine
{
    public static IReadOnlyList<RiskFinding> Evaluate(RuleSet rules, RiskProfile profile, IEnumerable<RecentPayment> recent, RiskInput input, ICrossAccountVerdicts verdicts)
    {
        List<RiskFinding>? findings = null;
        foreach (var rule in rules.Rules)
        {
            if (rule.Mode == RiskMode.Off)
            {
                continue;
            }

            var finding = CrossAccount(rule) ? verdicts.Evaluate(rule, input)
                : Fires(rule, profile, recent, input) ? new CrossAccountFinding(true, true, null) : CrossAccountFinding.None;
            if (finding.Fires)
            {
                (findings ??= []).Add(new RiskFinding(rule, new RuleFiring(rule.RuleId, rule.Kind, rule.Mode, rules.Version), finding.RaisesAlert));
            }
        }

        return findings ?? (IReadOnlyList<RiskFinding>)[];
    }

    /// <summary>True for the kinds read from the cross-account verdicts: velocity of scope device or merchant, device_reuse, promo_abuse.</summary>
    public static bool CrossAccount(RiskRule rule) => rule.Kind switch
    {
        RiskRuleKind.Velocity => rule.Params.Scope is VelocityScope.Device or VelocityScope.Merchant,
        RiskRuleKind.DeviceReuse or RiskRuleKind.PromoAbuse => true,
        _ => false,
    };

    private static bool Fires(RiskRule rule, RiskProfile profile, IEnumerable<RecentPayment> recent, RiskInput input)
    {
        var p = rule.Params;
        return rule.Kind switch
        {
            RiskRuleKind.Velocity => Velocity(p, recent, input),
            RiskRuleKind.AmountSpike => profile.Amounts.Weight >= p.HistoryMin && input.Amount > p.Factor!.Value * profile.Amounts.Median(),
            RiskRuleKind.NewCountry => profile.Countries.Length > 0 && !profile.Countries.Contains(input.Merchant.Country, StringComparer.Ordinal),
            RiskRuleKind.WalletFanout => WalletFanout(p, recent, input),
            _ => false,
        };
    }

    /// <summary>Approvals in the window at the rule's scope, this payment included, above countMax or amountMax.</summary>
    private static bool Velocity(RuleParameters p, IEnumerable<RecentPayment> recent, RiskInput input)
    {
        var since = input.At - TimeSpan.FromSeconds(p.WindowSeconds!.Value);
        var count = 1;
        var amount = input.Amount;
        foreach (var payment in recent)
        {
            if (payment.At > since && payment.At <= input.At && InScope(p.Scope!.Value, payment, input))
            {
                count++;
                amount = checked(amount + payment.Amount);
            }
        }

        return count > p.CountMax || amount > p.AmountMax;
    }

    private static bool InScope(VelocityScope scope, RecentPayment payment, RiskInput input) => scope switch
    {
        VelocityScope.Grant => payment.GrantId == input.GrantId,
        VelocityScope.Card => payment.CardId == input.CardId,
        _ => true,
    };

    /// <summary>Distinct wallets (channels) paying through this card in the window, this one included, above walletsMax.</summary>
    private static bool WalletFanout(RuleParameters p, IEnumerable<RecentPayment> recent, RiskInput input)
    {
        var since = input.At - TimeSpan.FromSeconds(p.WindowSeconds!.Value);
        var wallets = new HashSet<string>(StringComparer.Ordinal) { input.Channel };
        foreach (var payment in recent)
        {
            if (payment.At > since && payment.At <= input.At && payment.CardId == input.CardId)
            {
                wallets.Add(payment.Channel);
            }
        }

        return wallets.Count > p.WalletsMax;
    }
}
