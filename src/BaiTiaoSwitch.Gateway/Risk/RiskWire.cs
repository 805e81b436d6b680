using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Gateway.Risk;

/// <summary>The body of <c>PUT /v1/risk/rules/{ruleId}</c>: names in snake_case as API.md spells them.</summary>
public sealed class RuleBody
{
    /// <summary>velocity, amount_spike, new_country, wallet_fanout, device_reuse or promo_abuse.</summary>
    public string? Kind { get; set; }

    /// <summary>enforce, shadow or off.</summary>
    public string? Mode { get; set; }

    /// <summary>none, suspend_grant, freeze_card or freeze_account.</summary>
    public string? Action { get; set; }

    public RuleParamsBody? Params { get; set; }
}

/// <summary>Every kind's parameters; a rule sends exactly those of its kind (any other is refused invalid_rule).</summary>
public sealed class RuleParamsBody
{
    /// <summary>velocity: grant, card, account, device or merchant.</summary>
    public string? Scope { get; set; }

    public int? WindowSeconds { get; set; }

    public int? CountMax { get; set; }

    /// <summary>Minor units.</summary>
    public long? AmountMax { get; set; }

    /// <summary>amount_spike: a multiple of the holder's own median amount (above 1).</summary>
    public double? Factor { get; set; }

    public int? HistoryMin { get; set; }

    public int? WalletsMax { get; set; }

    public int? AccountsMax { get; set; }

    public int? AccountAgeDaysMax { get; set; }

    public string? MerchantId { get; set; }
}

public sealed record RuleParamsResponse(
    string? Scope,
    int? WindowSeconds,
    int? CountMax,
    long? AmountMax,
    double? Factor,
    int? HistoryMin,
    int? WalletsMax,
    int? AccountsMax,
    int? AccountAgeDaysMax,
    string? MerchantId);

public sealed record RuleResponse(string RuleId, string Kind, string Mode, string Action, RuleParamsResponse Params, DateTimeOffset UpdatedAt);

public sealed record RuleListResponse(IReadOnlyList<RuleResponse> Rules);

public static class RiskWire
{
    public static RuleResponse ToWire(this RiskRule rule)
    {
        var p = rule.Params;
        return new RuleResponse(rule.RuleId, RiskNames.Of(rule.Kind), RiskNames.Of(rule.Mode), RiskNames.Of(rule.Action),
            new RuleParamsResponse(p.Scope is { } scope ? RiskNames.Of(scope) : null, p.WindowSeconds, p.CountMax, p.AmountMax, p.Factor, p.HistoryMin,
                p.WalletsMax, p.AccountsMax, p.AccountAgeDaysMax, p.MerchantId),
            rule.UpdatedAt);
    }

    /// <summary>Reads the names; the values' own rules are the rules grain's (one place decides what a valid rule is).</summary>
    public static RuleDraft ToDraft(this RuleBody body)
    {
        if (!RiskNames.TryParse(body.Kind, out RiskRuleKind kind))
        {
            throw Invalid("'kind' is required: velocity, amount_spike, new_country, wallet_fanout, device_reuse or promo_abuse.");
        }

        if (!RiskNames.TryParse(body.Mode, out RiskMode mode))
        {
            throw Invalid("'mode' is required: enforce, shadow or off.");
        }

        var action = RiskAction.None;
        if (body.Action is not null && !RiskNames.TryParse(body.Action, out action))
        {
            throw Invalid("'action' must be none, suspend_grant, freeze_card or freeze_account.");
        }

        var p = body.Params ?? throw Invalid("'params' is required (an object; {} for new_country).");
        VelocityScope? scope = null;
        if (p.Scope is not null)
        {
            scope = RiskNames.TryParse(p.Scope, out VelocityScope parsed) ? parsed : throw Invalid("'params.scope' must be grant, card, account, device or merchant.");
        }

        return new RuleDraft(kind, mode, action, new RuleParameters(scope, p.WindowSeconds, p.CountMax, p.AmountMax, p.Factor, p.HistoryMin, p.WalletsMax,
            p.AccountsMax, p.AccountAgeDaysMax, p.MerchantId));
    }

    private static InvalidRequestException Invalid(string detail) => new(ErrorCodes.InvalidRule, detail);
}
