using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Telemetry;
using BaiTiaoSwitch.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Xunit;

namespace BaiTiaoSwitch.Tests.Risk;

/// <summary>
/// <c>bts.rule.evaluations</c> counts every rule a decision evaluated, by kind, mode and whether it fired, on a real
/// cluster, collected with OpenTelemetry's in-memory exporter. Rules in mode off, and payments declined before the rules'
/// step, count nothing.
/// </summary>
[Collection(RiskClusterCollection.Name)]
public sealed class RuleEvaluationMetricsTests(RiskClusterFixture fixture)
{
    [Fact]
    public async Task Every_rule_a_decision_evaluates_is_counted_by_kind_and_mode_whether_it_fired_or_not()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var (velocity, _, _) = await fixture.Put("metrics-velocity", new RuleDraft(RiskRuleKind.Velocity, RiskMode.Shadow, RiskAction.None,
            new RuleParameters(Scope: VelocityScope.Grant, WindowSeconds: 600, CountMax: 1)));
        var (spike, _, _) = await fixture.Put("metrics-spike", new RuleDraft(RiskRuleKind.AmountSpike, RiskMode.Enforce, RiskAction.None,
            new RuleParameters(Factor: 1_000, HistoryMin: 1)));
        var (country, _, _) = await fixture.Put("metrics-country", new RuleDraft(RiskRuleKind.NewCountry, RiskMode.Off, RiskAction.None, new RuleParameters()));
        var exported = new List<MetricSnapshot>();
        try
        {
            using (var meters = Sdk.CreateMeterProviderBuilder().AddMeter(SwitchMetrics.MeterName).AddInMemoryExporter(exported).Build())
            {
                Assert.True((await scenario.Pay("alipay", 100)).IsApproved);
                Assert.True((await scenario.Pay("alipay", 100)).IsApproved, "the velocity rule fires in shadow: it changes nothing");
                Assert.Equal(DeclineReason.InsufficientCredit, (await scenario.Pay("alipay", 20_000)).Reason);
                meters.ForceFlush();
            }
        }
        finally
        {
            await fixture.Off(velocity, spike, country);
        }

        var evaluations = exported.Where(metric => metric.Name == "bts.rule.evaluations").ToList();
        Assert.Equal(1, Count(evaluations, "velocity", "shadow", "false"));
        Assert.Equal(1, Count(evaluations, "velocity", "shadow", "true"));
        Assert.Equal(2, Count(evaluations, "amount_spike", "enforce", "false"));
        Assert.Equal(0, Count(evaluations, "amount_spike", "enforce", "true"));
        Assert.Equal(0, Count(evaluations, "new_country", "off", "false") + Count(evaluations, "new_country", "enforce", "false"));
    }

    /// <summary>The cumulative count of one tag combination (the last export holds the total).</summary>
    private static long Count(List<MetricSnapshot> metrics, string kind, string mode, string fired)
    {
        long total = 0;
        foreach (var metric in metrics.TakeLast(1))
        {
            foreach (var point in metric.MetricPoints)
            {
                var tags = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value?.ToString();
                }

                if (tags.GetValueOrDefault("kind") == kind && tags.GetValueOrDefault("mode") == mode && tags.GetValueOrDefault("fired") == fired)
                {
                    total += point.GetSumLong();
                }
            }
        }

        return total;
    }
}
