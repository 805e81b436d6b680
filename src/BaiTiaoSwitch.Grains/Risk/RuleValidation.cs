using System.Globalization;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// The rules of a rule (API.md "Risk and monitoring"): a known kind, mode and action, and exactly the parameters of its
/// kind, each within its bound. A bad rule is refused <c>invalid_rule</c> naming the field; nothing is written.
/// </summary>
public static class RuleValidation
{
    public static RuleDraft Validated(RuleDraft? draft, RiskOptions options)
    {
        if (draft is null)
        {
            throw Invalid("the rule is required: send {kind, mode, action, params}.");
        }

        Require(Enum.IsDefined(draft.Kind), "kind", "must be velocity, amount_spike, new_country, wallet_fanout, device_reuse or promo_abuse");
        Require(Enum.IsDefined(draft.Mode), "mode", "must be enforce, shadow or off");
        Require(Enum.IsDefined(draft.Action), "action", "must be none, suspend_grant, freeze_card or freeze_account");
        var p = draft.Params ?? throw Invalid("'params' is required (an object; {} for new_country).");
        var crossAccount = draft.Kind is RiskRuleKind.DeviceReuse or RiskRuleKind.PromoAbuse
            || (draft.Kind == RiskRuleKind.Velocity && p.Scope is VelocityScope.Device or VelocityScope.Merchant);
        var windowMax = (int)Math.Min(int.MaxValue, (crossAccount ? options.CrossAccountWindowMax : options.RuleWindowMax).TotalSeconds);
        switch (draft.Kind)
        {
            case RiskRuleKind.Velocity:
                Only(p, "scope", "windowSeconds", "countMax", "amountMax");
                Require(p.Scope is { } scope && Enum.IsDefined(scope), "params.scope", "is required: grant, card, account, device or merchant");
                Window(p.WindowSeconds, windowMax);
                Require(p.CountMax is not null || p.AmountMax is not null, "params", "a velocity rule needs countMax, amountMax or both");
                Require(p.CountMax is null || (p.CountMax >= 0 && p.CountMax < options.RecentPaymentsMax), "params.countMax",
                    $"must be from 0 to {(options.RecentPaymentsMax - 1).ToString(CultureInfo.InvariantCulture)}");
                Amount(p.AmountMax, "params.amountMax");
                break;
            case RiskRuleKind.AmountSpike:
                Only(p, "factor", "historyMin");
                Require(p.Factor is { } factor && double.IsFinite(factor) && factor > 1 && factor <= options.SpikeFactorMax, "params.factor",
                    $"is required: a number above 1 and at most {options.SpikeFactorMax.ToString(CultureInfo.InvariantCulture)}");
                Require(p.HistoryMin is { } history && history >= 1 && history <= options.AmountSketchWeightMax, "params.historyMin",
                    $"is required: from 1 to {options.AmountSketchWeightMax.ToString(CultureInfo.InvariantCulture)}");
                break;
            case RiskRuleKind.NewCountry:
                Only(p);
                break;
            case RiskRuleKind.WalletFanout:
                Only(p, "walletsMax", "windowSeconds");
                Require(p.WalletsMax is >= 1 and <= 1_000, "params.walletsMax", "is required: from 1 to 1000");
                Window(p.WindowSeconds, windowMax);
                break;
            case RiskRuleKind.DeviceReuse:
                Only(p, "accountsMax", "windowSeconds");
                Accounts(p.AccountsMax, options);
                Window(p.WindowSeconds, windowMax);
                break;
            case RiskRuleKind.PromoAbuse:
                Only(p, "merchantId", "accountAgeDaysMax", "amountMax", "accountsMax", "windowSeconds");
                Require(p.MerchantId is null || Ids.IsWellFormed(p.MerchantId), "params.merchantId", "must be 1 to 64 characters of [A-Za-z0-9_-]");
                Require(p.AccountAgeDaysMax is >= 0 and <= 3_650, "params.accountAgeDaysMax", "is required: from 0 to 3650");
                Require(p.AmountMax is not null, "params.amountMax", "is required");
                Amount(p.AmountMax, "params.amountMax");
                Accounts(p.AccountsMax, options);
                Window(p.WindowSeconds, windowMax);
                break;
        }

        return draft;
    }

    private static void Window(int? seconds, int windowMax) =>
        Require(seconds is { } value && value >= 1 && value <= windowMax, "params.windowSeconds",
            $"is required: from 1 to {windowMax.ToString(CultureInfo.InvariantCulture)}");

    private static void Amount(long? amount, string field) =>
        Require(amount is null or (>= 1 and <= Money.AmountMax), field, "must be an integer of minor units from 1 to 10^12");

    private static void Accounts(int? accounts, RiskOptions options) =>
        Require(accounts is { } value && value >= 1 && value <= options.AccountsMax, "params.accountsMax",
            $"is required: from 1 to {options.AccountsMax.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Refuses any parameter the kind does not read (a typo must not silently leave a rule without its bound).</summary>
    private static void Only(RuleParameters p, params string[] allowed)
    {
        (string Name, bool Set)[] all =
        [
            ("scope", p.Scope is not null), ("windowSeconds", p.WindowSeconds is not null), ("countMax", p.CountMax is not null),
            ("amountMax", p.AmountMax is not null), ("factor", p.Factor is not null), ("historyMin", p.HistoryMin is not null),
            ("walletsMax", p.WalletsMax is not null), ("accountsMax", p.AccountsMax is not null),
            ("accountAgeDaysMax", p.AccountAgeDaysMax is not null), ("merchantId", p.MerchantId is not null),
        ];
        foreach (var (name, set) in all)
        {
            Require(!set || allowed.Contains(name), "params." + name, "is not a parameter of this kind");
        }
    }

    private static void Require(bool ok, string field, string rule)
    {
        if (!ok)
        {
            throw Invalid($"'{field}' {rule}.");
        }
    }

    private static InvalidRequestException Invalid(string detail) => new(ErrorCodes.InvalidRule, detail);
}
