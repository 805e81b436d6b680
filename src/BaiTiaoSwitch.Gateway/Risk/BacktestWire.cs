using BaiTiaoSwitch.Risk;

namespace BaiTiaoSwitch.Gateway.Risk;

/// <summary>The body of <c>POST /v1/risk/backtests</c>: <c>{rules: [Rule], from, to}</c>.</summary>
public sealed class BacktestBody
{
    public List<BacktestRuleBody?>? Rules { get; set; }

    /// <summary>RFC 3339; inclusive.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>RFC 3339; exclusive.</summary>
    public DateTimeOffset? To { get; set; }
}

/// <summary>A proposed rule: a Rule as GET /v1/risk/rules answers it (updatedAt may be left out).</summary>
public sealed class BacktestRuleBody
{
    public string? RuleId { get; set; }

    public string? Kind { get; set; }

    public string? Mode { get; set; }

    public string? Action { get; set; }

    public RuleParamsBody? Params { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}

public sealed record BacktestResponse(
    string BacktestId,
    IReadOnlyList<RuleResponse> Rules,
    DateTimeOffset From,
    DateTimeOffset To,
    long Decisions,
    long WouldDecline,
    long WouldDeclineFraud,
    long WouldDeclineLegitimate,
    long MissedFraud);

public static class BacktestWire
{
    /// <summary>Reads the names; the rules' values are checked by the cluster with the rules grain's own validation.</summary>
    public static BacktestRequest ToRequest(this BacktestBody body, DateTimeOffset now)
    {
        var rules = body.Rules ?? throw Invalid("'rules' is required: a list of rules as GET /v1/risk/rules answers them.");
        var from = body.From ?? throw Invalid("'from' is required (RFC 3339).");
        var to = body.To ?? throw Invalid("'to' is required (RFC 3339).");
        return new BacktestRequest([.. rules.Select(rule => ToRule(rule ?? throw Invalid("'rules' may not hold null."), now))], from, to);
    }

    public static BacktestResponse ToWire(this Backtest backtest) =>
        new(backtest.BacktestId, [.. backtest.Rules.Select(rule => rule.ToWire())], backtest.From, backtest.To, backtest.Decisions, backtest.WouldDecline,
            backtest.WouldDeclineFraud, backtest.WouldDeclineLegitimate, backtest.MissedFraud);

    private static RiskRule ToRule(BacktestRuleBody rule, DateTimeOffset now)
    {
        var ruleId = Ids.Require(rule.RuleId, "rules[].ruleId");
        var draft = new RuleBody { Kind = rule.Kind, Mode = rule.Mode, Action = rule.Action, Params = rule.Params }.ToDraft();
        return new RiskRule(ruleId, draft.Kind, draft.Mode, draft.Action, draft.Params, rule.UpdatedAt ?? now, 0);
    }

    private static InvalidRequestException Invalid(string detail) => new(ErrorCodes.InvalidRequest, detail);
}
