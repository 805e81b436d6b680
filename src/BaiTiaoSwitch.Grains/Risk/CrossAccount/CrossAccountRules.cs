namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>
/// The evaluators of the cross-account rule kinds: pure and deterministic functions of the rule, the authorization and
/// the verdicts (live cache or a backtest's rebuilt windows). Only approved payments count. The authorization being
/// decided is not in the verdicts yet, so it counts as one more. A rule whose parameters are missing never fires (the
/// rules grain refuses such a rule).
/// </summary>
public static class CrossAccountRules
{
    /// <summary>True for the kinds evaluated here: velocity of scope device or merchant, device_reuse, promo_abuse.</summary>
    public static bool Handles(RiskRule rule) => rule.Kind switch
    {
        RiskRuleKind.Velocity => rule.Params.Scope is VelocityScope.Device or VelocityScope.Merchant,
        RiskRuleKind.DeviceReuse or RiskRuleKind.PromoAbuse => true,
        _ => false,
    };

    public static CrossAccountFinding Evaluate(RiskRule rule, CrossAccountAuthorization authorization, IVerdictView verdicts)
    {
        if (rule.Mode == RiskMode.Off || !Handles(rule) || rule.Params.WindowSeconds is not ({ } seconds and > 0))
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
    private static CrossAccountFinding Velocity(RiskRule rule, CrossAccountAuthorization authorization, IVerdictView verdicts, TimeSpan window)
    {
        var subject = rule.Params.Scope == VelocityScope.Device
            ? authorization.Device?.Id is { } device ? SignalSubjects.Device(device) : null
            : SignalSubjects.Merchant(authorization.MerchantId);
        if (subject is null)
        {
            return CrossAccountFinding.None;
        }

        var recent = verdicts.Window(subject)?.Within(authorization.At, window).ToList() ?? [];
        return Verdict(rule, subject, recent, Exceeded(rule.Params, recent, authorization.Amount));
    }

    /// <summary>
    /// Velocity over any window of decisions (also the per-grant, card and account windows a backtest rebuilds): the
    /// approved payments of the window with this one number more than countMax, or add up to more than amountMax.
    /// </summary>
    public static bool VelocityExceeded(RuleParameters parameters, SignalWindow? signals, CrossAccountAuthorization authorization) =>
        parameters.WindowSeconds is { } seconds and > 0
        && Exceeded(parameters, signals?.Within(authorization.At, TimeSpan.FromSeconds(seconds)).ToList() ?? [], authorization.Amount);

    private static bool Exceeded(RuleParameters parameters, List<SignalEntry> recent, long amount)
    {
        var approved = recent.Where(entry => entry.Approved).ToList();
        var total = checked(approved.Sum(entry => entry.Amount) + amount);
        return (parameters.CountMax is { } countMax && approved.Count + 1 > countMax) || (parameters.AmountMax is { } amountMax && total > amountMax);
    }

    /// <summary>The device or the IP has paid, in the window, for more than accountsMax accounts with this one.</summary>
    private static CrossAccountFinding DeviceReuse(RiskRule rule, CrossAccountAuthorization authorization, IVerdictView verdicts, TimeSpan window)
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
    private static CrossAccountFinding PromoAbuse(RiskRule rule, CrossAccountAuthorization authorization, IVerdictView verdicts, TimeSpan window)
    {
        if (rule.Params is not { AccountsMax: { } accountsMax, AmountMax: { } amountMax, AccountAgeDaysMax: { } ageDaysMax }
            || (rule.Params.MerchantId is { } merchant && !string.Equals(merchant, authorization.MerchantId, StringComparison.Ordinal)))
        {
            return CrossAccountFinding.None;
        }

        var ageMax = TimeSpan.FromDays(ageDaysMax);
        bool Qualifies(long amount, DateTimeOffset openedAt, DateTimeOffset at) => amount <= amountMax && at - openedAt <= ageMax;
        if (!Qualifies(authorization.Amount, authorization.AccountOpenedAt, authorization.At))
        {
            return CrossAccountFinding.None;
        }

        var subject = SignalSubjects.Merchant(authorization.MerchantId);
        var recent = verdicts.Window(subject)?.Within(authorization.At, window).ToList() ?? [];
        var accounts = recent.Where(entry => entry.Approved && Qualifies(entry.Amount, entry.AccountOpenedAt, entry.At))
            .Select(entry => entry.AccountId).ToHashSet(StringComparer.Ordinal);
        var fires = !accounts.Contains(authorization.AccountId) && accounts.Count + 1 > accountsMax;
        return Verdict(rule, subject, recent, fires);
    }

    /// <summary>A firing raises the alert unless the verdicts already show a firing of the same rule on the subject in the window.</summary>
    private static CrossAccountFinding Verdict(RiskRule rule, string? subject, List<SignalEntry> recent, bool fires) =>
        fires ? new CrossAccountFinding(true, !recent.Any(entry => entry.FiredRuleIds.Contains(rule.RuleId)), subject) : CrossAccountFinding.None;
}
