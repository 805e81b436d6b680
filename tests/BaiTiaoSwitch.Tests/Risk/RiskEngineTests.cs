using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using Xunit;

namespace BaiTiaoSwitch.Tests.Risk;

/// <summary>The engine's pure parts: the bounded amount sketch, and evaluation that depends on its inputs only.</summary>
public sealed class RiskEngineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_amount_sketch_median_is_never_below_the_true_median_and_within_a_quarter_above_it()
    {
        var random = new Random(8);
        for (var run = 0; run < 200; run++)
        {
            var amounts = Enumerable.Range(0, random.Next(1, 300)).Select(_ => (long)Math.Pow(10, random.NextDouble() * 9) + 1).ToList();
            var sketch = amounts.Aggregate(AmountSketch.Empty, (current, amount) => current.Add(amount, 4_096));
            var sorted = amounts.Order().ToList();
            var median = sorted[(sorted.Count + 1) / 2 - 1];

            Assert.InRange(sketch.Median(), median, median + (median / 4) + 1);
        }
    }

    [Fact]
    public void The_amount_sketch_stays_bounded_whatever_it_is_fed()
    {
        var sketch = AmountSketch.Empty;
        for (var i = 0; i < 100_000; i++)
        {
            sketch = sketch.Add(1 + ((i * 7_919L) % Money.AmountMax), 1_000);
        }

        Assert.InRange(sketch.Weight, 1, 1_000);
        Assert.InRange(sketch.Buckets.Length, 1, 160);
        Assert.Equal(sketch.Weight, sketch.Counts.Sum());
    }

    [Fact]
    public void Evaluation_is_a_function_of_its_inputs_the_same_inputs_fire_the_same_rules()
    {
        var rules = new RuleSet(3,
        [
            new RiskRule("v", RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.None, new RuleParameters(VelocityScope.Card, WindowSeconds: 60, CountMax: 2), Start, 1),
            new RiskRule("s", RiskRuleKind.AmountSpike, RiskMode.Shadow, RiskAction.FreezeCard, new RuleParameters(Factor: 2, HistoryMin: 2), Start, 2),
            new RiskRule("c", RiskRuleKind.NewCountry, RiskMode.Off, RiskAction.None, new RuleParameters(), Start, 3),
        ]);
        var profile = new RiskProfile(2, AmountSketch.Empty.Add(100, 10).Add(100, 10), ["CN"]);
        RecentPayment[] recent = [new(Start.AddSeconds(-10), "g1", "c1", "alipay", 100), new(Start.AddSeconds(-5), "g2", "c1", "wechatpay", 100)];
        var input = new RiskInput("a", "g1", "c1", "alipay", 1_000, new Merchant("m", "M", "5411", "US"), null, Start, Start.AddDays(-1));

        var first = RiskEngine.Evaluate(rules, profile, recent, input, BaiTiaoSwitch.Tests.Risk.Verdicts.NoVerdicts.Instance);
        var second = RiskEngine.Evaluate(rules, profile, recent, input, BaiTiaoSwitch.Tests.Risk.Verdicts.NoVerdicts.Instance);

        Assert.Equal(["v", "s"], first.Select(finding => finding.Rule.RuleId));
        Assert.Equal(first.Select(finding => finding.Firing), second.Select(finding => finding.Firing));
        Assert.Empty(RiskEngine.Evaluate(rules, profile, recent, input with { At = Start.AddSeconds(56), Amount = 100 }, BaiTiaoSwitch.Tests.Risk.Verdicts.NoVerdicts.Instance));
    }
}
