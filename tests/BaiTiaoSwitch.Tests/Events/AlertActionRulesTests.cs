using BaiTiaoSwitch.Alerts;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace BaiTiaoSwitch.Tests.Events;

/// <summary>Which alerts are acted on, with no cluster: a shadow firing's alert never is.</summary>
public sealed class AlertActionRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_alert_of_a_shadow_firing_is_published_as_it_was_raised_and_acts_on_nothing()
    {
        var decision = new SwitchEvent(SwitchEvent.IdOf("acct-shadow", 1, 0), "acct-shadow", Noon,
            new DecisionEvent("auth-1", "grant-1", "card-1", "alipay", Money.Fen(100), new Merchant("m-1", "Shop", "5411", "CN"), null, Decision.Approved, null,
                [new RuleFiring("rule-1", RiskRuleKind.Velocity, RiskMode.Shadow, 3)], Noon),
            null);
        var alert = LineOutboxTests.Raised("acct-shadow", 1, RiskAction.FreezeAccount) with { EventId = SwitchEvent.IdOf("acct-shadow", 1, 1) };

        // No grain factory: acting on anything would fail the test.
        var published = await new AlertActions(null!, NullLogger<AlertActions>.Instance).CarryOut([decision, alert]);

        Assert.Equal([decision, alert], published);
    }
}
