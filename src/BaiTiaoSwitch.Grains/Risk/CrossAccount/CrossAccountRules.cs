namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>
/// The evaluators of the cross-account rule kinds (<see cref="RiskEngine.CrossAccount"/>): pure and deterministic
/// functions of the rule, the payment and the verdicts (live cache or a backtest's rebuilt windows). Only approved
/// payments count. The payment being decided is not in the verdicts yet, so it counts as one more. A rule whose
/// parameters are missing never fires (the rules grain refuses such a rule).
/// </summary>
public static class CrossAccountRules
{
    public static CrossAccountFinding Evaluate(RiskRule rule, RiskInput authorization, IVerdictView verdicts)
    {
        if (rule.Mode == RiskMode.Off || !RiskEngine.CrossAccount(rule) || rule.Params.WindowSeconds is not ({ } seconds and > 0))
        {
            return CrossAccountFinding.None;
        }

        var window = TimeSpan.FromSeconds(seconds);
        return rule.Kind switch
        {
            RiskRuleKind.Velocity => Velocity(rule, authorization, verdicts, window),
            RiskRuleKind.DeviceReuse => DeviceReuse(rule, authorization, verdicts, window),
            _ => PromoAbuse(rule, authorization, verdicts, window),
        };
    }

    /// <summary>Payments of the device (or at the merchant) in the window, this one included, above countMax or amountMax.</summary>
    private static CrossAccountFinding Velocity(RiskRule rule, RiskInput authorization, IVerdictView verdicts, TimeSpan window)
    {
        var subject = rule.Params.Scope == VelocityScope.Device
            ? authorization.Device?.Id is { } device ? SignalSubjects.Device(device) : null
            : SignalSubjects.Merchant(authorization.Merchant.Id);
        if (subject is null)
        {
            return CrossAccountFinding.None;
        }

        var recent = verdicts.Window(subject)?.Within(authorization.At, window).ToList() ?? [];
        return Verdict(rule, subject, recent, Exceeded(rule.Params, recent, authorization.Amount));
    }

    private static bool Exceeded(RuleParameters parameters, List<SignalEntry> recent, long amount)
    {
        var approved = recent.Where(entry => entry.Approved).ToList();
        var total = checked(approved.Sum(entry => entry.Amount) + amount);
        return (parameters.CountMax is { } countMax && approved.Count + 1 > countMax) || (parameters.AmountMax is { } amountMax && total > amountMax);
    }

    /// <summary>The device or the IP has paid, in the window, for more than accountsMax accounts with this one.</summary>
    private static CrossAccountFinding DeviceReuse(RiskRule rule, RiskInput authorization, IVerdictView verdicts, TimeSpan window)
    {
        if (rule.Params.AccountsMax is not { } accountsMax)
        {
            return CrossAccountFinding.None;
        }

        var subjects = new List<string>(2);
        if (authorization.Device?.Id is { } device)
        {
            subjects.Add(SignalSubjects.Device(device));
        }

        if (authorization.Device?.Ip is { } ip)
        {
            subjects.Add(SignalSubjects.Ip(ip));
        }

        foreach (var subject in subjects)
        {
            var recent = verdicts.Window(subject)?.Within(authorization.At, window).ToList() ?? [];
            var accounts = recent.Where(entry => entry.Approved).Select(entry => entry.AccountId).ToHashSet(StringComparer.Ordinal);
            if (!accounts.Contains(authorization.AccountId) && accounts.Count + 1 > accountsMax)
            {
                return Verdict(rule, subject, recent, fires: true);
            }
        }

        return CrossAccountFinding.None;
    }

    /// <summary>
    /// A young account's small payment at the merchant, when more than accountsMax young accounts have made small
    /// payments there in the window with this one. An account already counted in the window is not the excess.
    /// </summary>
    private static CrossAccountFinding PromoAbuse(RiskRule rule, RiskInput authorization, IVerdictView verdicts, TimeSpan window)
    {
        if (rule.Params is not { AccountsMax: { } accountsMax, AmountMax: { } amountMax, AccountAgeDaysMax: { } ageDaysMax }
            || (rule.Params.MerchantId is { } merchant && !string.Equals(merchant, authorization.Merchant.Id, StringComparison.Ordinal)))
        {
            return CrossAccountFinding.None;
        }

        var ageMax = TimeSpan.FromDays(ageDaysMax);
        bool Qualifies(long amount, DateTimeOffset openedAt, DateTimeOffset at) => amount <= amountMax && at - openedAt <= ageMax;
        if (!Qualifies(authorization.Amount, authorization.AccountOpenedAt, authorization.At))
        {
            return CrossAccountFinding.None;
        }

        var subject = SignalSubjects.Merchant(authorization.Merchant.Id);
        var recent = verdicts.Window(subject)?.Within(authorization.At, window).ToList() ?? [];
        var accounts = recent.Where(entry => entry.Approved && Qualifies(entry.Amount, entry.AccountOpenedAt, entry.At))
            .Select(entry => entry.AccountId).ToHashSet(StringComparer.Ordinal);
        var fires = !accounts.Contains(authorization.AccountId) && accounts.Count + 1 > accountsMax;
        return Verdict(rule, subject, recent, fires);
    }

    /// <summary>
    /// A firing raises an alert, as every rule's does; a promo_abuse firing only when the verdicts show no firing of the
    /// same rule at the merchant in the window yet (one alert per burst).
    /// </summary>
    private static CrossAccountFinding Verdict(RiskRule rule, string? subject, List<SignalEntry> recent, bool fires) =>
        !fires ? CrossAccountFinding.None
        : new CrossAccountFinding(true, rule.Kind != RiskRuleKind.PromoAbuse || !recent.Any(entry => entry.FiredRuleIds.Contains(rule.RuleId)), subject);
}
