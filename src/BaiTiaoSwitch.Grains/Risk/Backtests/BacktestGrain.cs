using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// Runs a backtest off the payment path: the decision history of the window, in original order, through
/// <see cref="BacktestReplay"/>, with the labels of the window. Bad input is refused before anything is read.
/// </summary>
public sealed class BacktestGrain(IDecisionHistory history, IDecisionLabels labels, IOptions<BacktestOptions> options) : Grain, IBacktestGrain
{
    public async Task<Backtest> Run(BacktestRequest request)
    {
        Validate(request, options.Value);
        var replay = new BacktestReplay(request.Rules, await labels.Of(request.From, request.To, CancellationToken.None));
        await foreach (var recorded in history.Read(request.From, request.To))
        {
            if (replay.Decisions >= options.Value.DecisionsMax)
            {
                throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"The window holds more than {options.Value.DecisionsMax} decisions; narrow it.");
            }

            replay.Replay(recorded);
        }

        DeactivateOnIdle();
        return new Backtest(this.GetPrimaryKeyString(), request.Rules, request.From, request.To, replay.Decisions, replay.WouldDecline, replay.WouldDeclineFraud,
            replay.WouldDeclineLegitimate, replay.MissedFraud);
    }

    private static void Validate(BacktestRequest request, BacktestOptions options)
    {
        if (request.Rules is null || request.Rules.Count == 0 || request.Rules.Count > options.RulesMax)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'rules' must hold from 1 to {options.RulesMax} rules.");
        }

        if (request.From >= request.To || request.To - request.From > options.WindowMax)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'from' must be before 'to', at most {options.WindowMax.TotalDays:0} days apart.");
        }

        foreach (var rule in request.Rules)
        {
            Ids.Require(rule.RuleId, "rules[].ruleId");
            if (rule.Params is null || rule.Params.WindowSeconds is not > 0)
            {
                throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"Rule '{rule.RuleId}': 'params.windowSeconds' must be more than 0.");
            }
        }
    }
}
