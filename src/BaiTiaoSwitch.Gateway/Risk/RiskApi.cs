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
            .WithSummary("Create or replace a risk rule; every account's next decision uses it once its silo holds it")
            .WithDescription("The project's choices: `action` may be left out (none); a rule sends exactly the `params` of its kind (any other, or a missing one, is `400 invalid_rule` naming the field); "
                + "`windowSeconds` is 1 to 604800 (7 days); a velocity rule needs `countMax` (0 to 255: a line remembers its last 256 approvals), `amountMax` (minor units) or both, "
                + "and fires when the approvals in the window at its scope, this payment included, exceed either; `amount_spike` fires on an amount above `factor` (above 1) times the holder's median "
                + "approved amount once `historyMin` amounts are known (the median comes from a bounded sketch, within 25% above the true one); `new_country` fires on a merchant country the account has not "
                + "paid in before, once it has paid somewhere; `wallet_fanout` fires when one card pays through more than `walletsMax` wallets in the window. "
                + "A change is durable when answered and reaches every silo in milliseconds (docs/risk.md has the figure); at most 64 rules (`409 rules_limit_reached`).");
        return app;
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
