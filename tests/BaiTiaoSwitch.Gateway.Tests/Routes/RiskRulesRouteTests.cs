using System.Text.Json.Nodes;
using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

/// <summary>
/// PUT and GET /v1/risk/rules over HTTP as API.md spells them. The gateway's cluster is shared with the payment tests, so
/// the rules stored here are in mode off: stored and listed, never evaluated.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RiskRulesRouteTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Issuer_puts_a_rule_and_reads_it_back_in_the_list_with_snake_case_names()
    {
        var ruleId = Flows.NewId("rule");

        var put = await fixture.Issuer.Put($"/v1/risk/rules/{ruleId}",
            new { kind = "velocity", mode = "off", action = "suspend_grant", @params = new { scope = "card", windowSeconds = 600, countMax = 5, amountMax = 100_000 } });

        Assert.Equal(200, put.Status);
        Assert.Equal(["ruleId", "kind", "mode", "action", "params", "updatedAt"], put.Body!.AsObject().Select(pair => pair.Key).ToArray());
        Assert.Equal((ruleId, "velocity", "off", "suspend_grant"), (put.Str("ruleId"), put.Str("kind"), put.Str("mode"), put.Str("action")));
        Assert.Equal("card", put.Body["params"]!["scope"]!.GetValue<string>());
        Assert.Equal(600, put.Body["params"]!["windowSeconds"]!.GetValue<int>());
        Assert.Equal(100_000, put.Body["params"]!["amountMax"]!.GetValue<long>());
        Assert.True(DateTimeOffset.TryParse(put.Str("updatedAt"), out _));

        var spike = await fixture.Issuer.Put($"/v1/risk/rules/{ruleId}-spike", new { kind = "amount_spike", mode = "off", @params = new { factor = 4.5, historyMin = 10 } });
        Assert.Equal(200, spike.Status);
        Assert.Equal("none", spike.Str("action"));

        var list = await fixture.Issuer.Get("/v1/risk/rules");
        Assert.Equal(200, list.Status);
        var rules = list.Body!["rules"]!.AsArray().Select(rule => rule!).ToList();
        Assert.True(JsonNode.DeepEquals(put.Body, rules.Single(rule => rule["ruleId"]!.GetValue<string>() == ruleId)), list.Text);
        Assert.Equal(4.5, rules.Single(rule => rule["ruleId"]!.GetValue<string>() == ruleId + "-spike")["params"]!["factor"]!.GetValue<double>());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"kind":"velocity","mode":"enforce","params":{"scope":"card","windowSeconds":60}}""", "invalid_rule" },
        { """{"kind":"velocity","mode":"enforce","params":{"scope":"planet","windowSeconds":60,"countMax":1}}""", "invalid_rule" },
        { """{"kind":"wallet_fanout","mode":"enforce","params":{"walletsMax":2}}""", "invalid_rule" },
        { """{"kind":"amount_spike","mode":"enforce","params":{"factor":3,"historyMin":5,"scope":"card"}}""", "invalid_rule" },
        { """{"kind":"fraud","mode":"enforce","params":{}}""", "invalid_rule" },
        { """{"kind":"new_country","mode":"loud","params":{}}""", "invalid_rule" },
        { """{"kind":"new_country","mode":"enforce","action":"delete_account","params":{}}""", "invalid_rule" },
        { """{"kind":"new_country","mode":"enforce"}""", "invalid_rule" },
        { """{"kind":"new_country","mode":"enforce","params":{"colour":"red"}}""", "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_rule_is_400_with_its_code_and_is_not_stored(string body, string code)
    {
        var ruleId = Flows.NewId("rule");

        var refused = await fixture.Issuer.Send(HttpMethod.Put, $"/v1/risk/rules/{ruleId}", System.Text.Encoding.UTF8.GetBytes(body), SignedClient.NewKey());

        Assert.Equal(400, refused.Status);
        Assert.Equal(code, refused.Code);
        var list = await fixture.Issuer.Get("/v1/risk/rules");
        Assert.DoesNotContain(list.Body!["rules"]!.AsArray(), rule => rule!["ruleId"]!.GetValue<string>() == ruleId);
    }

    [Fact]
    public async Task A_wallet_channel_may_not_read_or_change_the_rules()
    {
        Assert.Equal(403, (await fixture.Alipay.Get("/v1/risk/rules")).Status);
        var put = await fixture.Alipay.Put($"/v1/risk/rules/{Flows.NewId("rule")}", new { kind = "new_country", mode = "off", @params = new JsonObject() });
        Assert.Equal(403, put.Status);
    }
}
