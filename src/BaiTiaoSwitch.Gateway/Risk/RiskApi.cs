using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Signing;
using BaiTiaoSwitch.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BaiTiaoSwitch.Gateway.Risk;

/// <summary>Issuer routes on the cluster's risk rules (API.md "Risk and monitoring").</summary>
public static class RiskApi
{
    public static IEndpointRouteBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapV1("Risk");
        api.MapGet("/risk/rules", (Delegate)List).ForRole(ChannelRole.Issuer)
            .WithSummary("List the cluster's risk rules");
        api.MapPut("/risk/rules/{ruleId}", Put).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.RuleBody).Accepts<RuleBody>("application/json")
            .Errors(ErrorCodes.InvalidId, ErrorCodes.InvalidRule, ErrorCodes.RulesLimitReached, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Create or replace a risk rule; answered once every silo holds it, so every account's next decision uses it")
            .WithDescription("The project's choices: `action` may be left out (none); a rule sends exactly the `params` of its kind (any other, or a missing one, is `400 invalid_rule` naming the field); "
                + "`windowSeconds` is 1 to 604800 (7 days), and 1 to 3600 for the cross-account kinds (velocity by device or merchant, device_reuse, promo_abuse: the monitors keep an hour); a velocity rule needs `countMax` (0 to 255: a line remembers its last 256 approvals), `amountMax` (minor units) or both, "
                + "and fires when the approvals in the window at its scope, this payment included, exceed either; `amount_spike` fires on an amount above `factor` (above 1) times the holder's median "
                + "approved amount once `historyMin` amounts are known (the median comes from a bounded sketch, within 25% above the true one); `new_country` fires on a merchant country the account has not "
                + "paid in before, once it has paid somewhere; `wallet_fanout` fires when one card pays through more than `walletsMax` wallets in the window. "
                + "A change is answered once it is durable and every silo holds it (a silo that does not confirm within 2 s gets it when it next watches), so the next payment is decided with it; at most 64 rules (`409 rules_limit_reached`).");
        api.MapPost("/risk/backtests", (Delegate)Backtest).ForRole(ChannelRole.Issuer).Recorded(GatewayJson.Default.BacktestBody).Accepts<BacktestBody>("application/json")
            .Errors(ErrorCodes.InvalidRequest, ErrorCodes.InvalidId, ErrorCodes.InvalidRule, ErrorCodes.IdempotencyKeyReused)
            .WithSummary("Replay the recorded authorizations of [from, to), in their original order, through a proposed rule set")
            .WithDescription("Off the payment path: the decision history (written by a consumer of the event streams) is read in original order and every decision "
                + "that passed the limits live is judged by the live engine with its inputs as they stood then (each line's approvals, amount sketch and countries; "
                + "the device, IP and merchant windows), velocity and cross-account rules included. Only `enforce` rules decline. `wouldDeclineFraud` and "
                + "`wouldDeclineLegitimate` count the declined ones labelled by resolved alerts (POST /v1/alerts/{alertId}/resolve); `missedFraud` the fraud-labelled "
                + "ones it would have approved. The project's choices: `from` before `to`, at most 31 days apart; 1 to 100 rules, each with a `ruleId` and valid as "
                + "for PUT /v1/risk/rules/{ruleId} (else `400 invalid_rule` naming the field); at most 20,000,000 decisions. Nothing is stored but the answer, "
                + "replayed for the same Idempotency-Key.");
        return app;
    }

    public static async Task<Created<BacktestResponse>> Backtest(HttpContext context)
    {
        var signed = context.Signed();
        var now = (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var request = RequestBody.Read(context, GatewayJson.Default.BacktestBody).ToRequest(now);
        var backtest = await signed.Channel.Client.RunBacktestAsync(request, context.RequestAborted);
        return TypedResults.Created((string?)null, backtest.ToWire());
    }

    public static async Task<Ok<RuleListResponse>> List(HttpContext context)
    {
        var rules = await context.Signed().Channel.Client.GetRiskRulesAsync(context.RequestAborted);
        return TypedResults.Ok(new RuleListResponse([.. rules.Rules.Select(rule => rule.ToWire())]));
    }

    public static async Task<Ok<RuleResponse>> Put(HttpContext context, string ruleId)
    {
        var signed = context.Signed();
        Ids.Require(ruleId, "ruleId");
        var draft = RequestBody.Read(context, GatewayJson.Default.RuleBody).ToDraft();
        return TypedResults.Ok((await signed.Channel.Client.PutRiskRuleAsync(ruleId, draft, signed.KeyOptions, context.RequestAborted)).ToWire());
    }
}
