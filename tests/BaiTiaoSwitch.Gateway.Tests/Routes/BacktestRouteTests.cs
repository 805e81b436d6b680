using BaiTiaoSwitch.Gateway.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Routes;

/// <summary>
/// POST /v1/risk/backtests over HTTP as API.md spells it. The gateway's cluster is shared, so the window is the test's
/// own payments (collections run one at a time) and the proposed rule is only replayed, never stored.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BacktestRouteTests(GatewayFixture fixture)
{
    private static object Velocity(string ruleId) =>
        new { ruleId, kind = "velocity", mode = "enforce", action = "none", @params = new { scope = "account", windowSeconds = 600, countMax = 1 } };

    [Fact]
    public async Task Issuer_replays_its_recorded_payments_through_a_velocity_rule_and_gets_the_figures_with_camel_case_names()
    {
        var card = await Flows.OpenCard(fixture);
        var (grantId, _) = await Flows.Bind(fixture, fixture.Alipay, card);

        // The switch's clock stands still unless a test moves it: move it past every earlier test's decisions.
        TestClock.Instance.Advance(TimeSpan.FromSeconds(2));
        var from = TestClock.Instance.GetUtcNow();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await Flows.Authorize(fixture.Alipay, grantId, 1_000)).Status);
        }

        var to = TestClock.Instance.GetUtcNow().AddSeconds(1);
        var ruleId = Flows.NewId("rule");

        // The decision history follows the event streams: ask again (a new key each time) until it holds the three.
        ApiResponse backtest;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            backtest = await fixture.Issuer.Post("/v1/risk/backtests", new { rules = new[] { Velocity(ruleId) }, from, to });
            Assert.True(backtest.Status == 201, backtest.ToString());
        }
        while (backtest.Body!["decisions"]!.GetValue<long>() < 3 && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));

        Assert.Equal(["backtestId", "rules", "from", "to", "decisions", "wouldDecline", "wouldDeclineFraud", "wouldDeclineLegitimate", "missedFraud"],
            backtest.Body!.AsObject().Select(pair => pair.Key).ToArray());
        var rule = backtest.Body["rules"]![0]!;
        Assert.Equal((ruleId, "velocity", "enforce", "account"), (rule["ruleId"]!.GetValue<string>(), rule["kind"]!.GetValue<string>(), rule["mode"]!.GetValue<string>(),
            rule["params"]!["scope"]!.GetValue<string>()));

        // Live, no rule declined them; replayed, the second and the third exceed one approval in the window.
        Assert.Equal((3L, 2L, 0L, 0L, 0L), (backtest.Body["decisions"]!.GetValue<long>(), backtest.Body["wouldDecline"]!.GetValue<long>(),
            backtest.Body["wouldDeclineFraud"]!.GetValue<long>(), backtest.Body["wouldDeclineLegitimate"]!.GetValue<long>(), backtest.Body["missedFraud"]!.GetValue<long>()));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"rules":[{"ruleId":"r1","kind":"velocity","mode":"enforce","params":{"scope":"account","windowSeconds":60}}],"from":"2026-11-01T00:00:00Z","to":"2026-11-02T00:00:00Z"}""", "invalid_rule" },
        { """{"rules":[{"ruleId":"r1","kind":"fraud","mode":"enforce","params":{}}],"from":"2026-11-01T00:00:00Z","to":"2026-11-02T00:00:00Z"}""", "invalid_rule" },
        { """{"rules":[{"kind":"new_country","mode":"enforce","params":{}}],"from":"2026-11-01T00:00:00Z","to":"2026-11-02T00:00:00Z"}""", "invalid_id" },
        { """{"rules":[],"from":"2026-11-01T00:00:00Z","to":"2026-11-02T00:00:00Z"}""", "invalid_request" },
        { """{"rules":[{"ruleId":"r1","kind":"new_country","mode":"enforce","params":{}}],"from":"2026-11-02T00:00:00Z","to":"2026-11-01T00:00:00Z"}""", "invalid_request" },
        { """{"rules":[{"ruleId":"r1","kind":"new_country","mode":"enforce","params":{}}],"from":"2026-11-01T00:00:00Z"}""", "invalid_request" },
        { """{"rules":[{"ruleId":"r1","kind":"new_country","mode":"enforce","params":{}}],"from":"yesterday","to":"2026-11-02T00:00:00Z"}""", "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_backtest_is_400_with_its_code(string body, string code)
    {
        var refused = await fixture.Issuer.Send(HttpMethod.Post, "/v1/risk/backtests", System.Text.Encoding.UTF8.GetBytes(body), SignedClient.NewKey());

        Assert.Equal(400, refused.Status);
        Assert.Equal(code, refused.Code);
    }

    [Fact]
    public async Task A_wallet_channel_may_not_run_a_backtest()
    {
        var refused = await fixture.Alipay.Post("/v1/risk/backtests", new { rules = new[] { Velocity("r1") }, from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow });
        Assert.Equal(403, refused.Status);
    }
}
