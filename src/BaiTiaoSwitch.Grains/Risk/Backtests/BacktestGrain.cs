using BaiTiaoSwitch.Risk.CrossAccount;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// Runs a backtest off the payment path: the decision history of the window, in original order, through
/// <see cref="BacktestReplay"/>, with the labels of the window. Bad input is refused before anything is read: a bad
/// window or rule list <c>invalid_request</c>, a bad rule <c>invalid_rule</c> by the rules grain's own
/// <see cref="RuleValidation"/>.
/// </summary>
public sealed class BacktestGrain(
    IDecisionHistory history,
    IDecisionLabels labels,
    IOptions<BacktestOptions> options,
    IOptions<RiskOptions> riskOptions,
    IOptions<VerdictOptions> verdictOptions) : Grain, IBacktestGrain
{
    public async Task<Backtest> Run(BacktestRequest request)
    {
        var rules = Validated(request, options.Value, riskOptions.Value);
        var replay = new BacktestReplay(rules, await labels.Of(request.From, request.To, CancellationToken.None), riskOptions.Value, verdictOptions.Value);
        await foreach (var recorded in history.Read(request.From, request.To))
        {
            if (replay.Decisions >= options.Value.DecisionsMax)
            {
                throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"The window holds more than {options.Value.DecisionsMax} decisions; narrow it.");
            }

            replay.Replay(recorded);
        }

        DeactivateOnIdle();
        return new Backtest(this.GetPrimaryKeyString(), rules, request.From, request.To, replay.Decisions, replay.WouldDecline, replay.WouldDeclineFraud,
            replay.WouldDeclineLegitimate, replay.MissedFraud);
    }

    private static IReadOnlyList<RiskRule> Validated(BacktestRequest request, BacktestOptions options, RiskOptions riskOptions)
    {
        if (request.Rules is null || request.Rules.Count == 0 || request.Rules.Count > options.RulesMax)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'rules' must hold from 1 to {options.RulesMax} rules.");
        }

        if (request.From >= request.To || request.To - request.From > options.WindowMax)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'from' must be before 'to', at most {options.WindowMax.TotalDays:0} days apart.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in request.Rules)
        {
            Ids.Require(rule?.RuleId, "rules[].ruleId");
            if (!ids.Add(rule!.RuleId))
            {
                throw new InvalidRequestException(ErrorCodes.InvalidRule, $"Rule '{rule.RuleId}' is given twice.");
            }

            try
            {
                RuleValidation.Validated(new RuleDraft(rule.Kind, rule.Mode, rule.Action, rule.Params), riskOptions);
            }
            catch (InvalidRequestException invalid)
            {
                throw new InvalidRequestException(invalid.Code, $"Rule '{rule.RuleId}': {invalid.Message}");
            }
        }

        return request.Rules;
    }
}
