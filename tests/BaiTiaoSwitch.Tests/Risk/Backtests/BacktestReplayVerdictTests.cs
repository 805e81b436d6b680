using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Risk.Backtests;
using BaiTiaoSwitch.Risk.CrossAccount;
using BaiTiaoSwitch.Tests.Risk.Verdicts;
using Xunit;
using static BaiTiaoSwitch.Tests.Risk.Verdicts.Signals;

namespace BaiTiaoSwitch.Tests.Risk.Backtests;

/// <summary>The backtest's replay: recorded decisions, in order, through a proposed rule set, counters rebuilt as they stood.</summary>
public sealed class BacktestReplayVerdictTests
{
    [Fact]
    public void Replaying_a_run_through_the_rules_that_decided_it_declines_exactly_what_they_declined_live()
    {
        // A "live" run decided by the evaluators over verdicts without lag (paced slower than the lag), recorded as the
        // history keeps it.
        IReadOnlyList<RiskRule> rules =
        [
            PromoAbuse(accountsMax: 3, amountMax: 1_000, windowSeconds: 120) with { RuleId = "promo" },
            DeviceReuse(accountsMax: 2, windowSeconds: 300) with { RuleId = "reuse" },
            DeviceVelocity(countMax: 4, windowSeconds: 60) with { RuleId = "velocity-device", Mode = RiskMode.Shadow },
        ];
        var live = new TestVerdicts();
        var random = new Random(3);
        var history = new List<SwitchEvent>();
        var declinedLive = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var payment = Payment("a-" + random.Next(40), amount: random.Next(100, 3_000), merchantId: "m-" + random.Next(5), device: "d-" + random.Next(25),
                at: Now.AddSeconds(i * 3), openedAt: Now.AddDays(-random.Next(0, 14)));
            var fired = rules.Where(rule => CrossAccountRules.Evaluate(rule, payment, live).Fires).ToList();
            var declined = fired.Any(rule => rule.Mode == RiskMode.Enforce);
            declinedLive += declined ? 1 : 0;
            var entry = live.Record(payment, approved: !declined, firedRuleIds: [.. fired.Select(rule => rule.RuleId)]);
            history.Add(Recorded(payment, entry, declined ? DeclineReason.RiskDeclined : null, fired));
        }

        var replay = new BacktestReplay(rules, new Dictionary<string, AlertOutcome>(), new RiskOptions(), new VerdictOptions());
        history.ForEach(replay.Replay);

        Assert.True(declinedLive > 50, $"the run declined only {declinedLive}");
        Assert.Equal(2_000, replay.Decisions);
        Assert.Equal(declinedLive, replay.WouldDecline);
    }

    [Fact]
    public void Account_velocity_is_rebuilt_from_the_decisions_approved_before_each_one()
    {
        var rule = Rule(RiskRuleKind.Velocity, new RuleParameters(Scope: VelocityScope.Account, WindowSeconds: 60, CountMax: 2));
        var replay = new BacktestReplay([rule], new Dictionary<string, AlertOutcome>(), new RiskOptions(), new VerdictOptions());
        for (var i = 0; i < 4; i++)
        {
            replay.Replay(Recorded(Payment("a-1", device: "d-" + i, at: Now.AddSeconds(i))));
        }

        replay.Replay(Recorded(Payment("a-2", at: Now.AddSeconds(5))));
        replay.Replay(Recorded(Payment("a-1", at: Now.AddSeconds(70))));

        Assert.Equal(2, replay.WouldDecline);
    }

    [Fact]
    public void Labels_split_the_declines_into_fraud_and_legitimate_and_count_the_fraud_the_rules_miss()
    {
        var rule = DeviceVelocity(countMax: 1);
        var payments = Enumerable.Range(0, 4).Select(i => Recorded(Payment("a-" + i, device: i < 3 ? "d-1" : "d-2", at: Now.AddSeconds(i)))).ToList();
        var labels = new Dictionary<string, AlertOutcome>
        {
            [payments[1].Decision!.AuthorizationId] = AlertOutcome.Fraud,
            [payments[2].Decision!.AuthorizationId] = AlertOutcome.Legitimate,
            [payments[3].Decision!.AuthorizationId] = AlertOutcome.Fraud,
        };
        var replay = new BacktestReplay([rule], labels, new RiskOptions(), new VerdictOptions());
        payments.ForEach(replay.Replay);

        Assert.Equal((2L, 1L, 1L, 1L), (replay.WouldDecline, replay.WouldDeclineFraud, replay.WouldDeclineLegitimate, replay.MissedFraud));
    }

    [Fact]
    public void A_decision_declined_by_the_limits_is_never_counted_as_declined_by_the_rules()
    {
        var replay = new BacktestReplay([DeviceVelocity(countMax: 1)], new Dictionary<string, AlertOutcome>(), new RiskOptions(), new VerdictOptions());
        replay.Replay(Recorded(Payment("a-1")));
        replay.Replay(Recorded(Payment("a-2"), DeclineReason.InsufficientCredit));
        replay.Replay(Recorded(Payment("a-3"), DeclineReason.RiskDeclined));

        Assert.Equal(3, replay.Decisions);
        Assert.Equal(1, replay.WouldDecline);
    }

    [Fact]
    public void The_per_line_kinds_are_replayed_by_the_live_engine_with_each_line_memory_rebuilt()
    {
        IReadOnlyList<RiskRule> rules =
        [
            Rule(RiskRuleKind.AmountSpike, new RuleParameters(Factor: 3, HistoryMin: 3), ruleId: "spike"),
            Rule(RiskRuleKind.NewCountry, new RuleParameters(), ruleId: "country"),
            Rule(RiskRuleKind.WalletFanout, new RuleParameters(WalletsMax: 1, WindowSeconds: 60), ruleId: "fanout", mode: RiskMode.Shadow),
        ];
        var replay = new BacktestReplay(rules, new Dictionary<string, AlertOutcome>(), new RiskOptions(), new VerdictOptions());
        for (var i = 0; i < 3; i++)
        {
            replay.Replay(Recorded(Payment("a-1", amount: 1_000, at: Now.AddMinutes(i))));
        }

        replay.Replay(Recorded(Payment("a-1", amount: 9_000, at: Now.AddMinutes(5))));
        replay.Replay(Recorded(Payment("a-2", amount: 9_000, at: Now.AddMinutes(5))));
        replay.Replay(Recorded(Payment("a-1", amount: 1_000, at: Now.AddMinutes(6)) with { Merchant = new Merchant("m-1", "Shop", "5411", "JP") }));

        Assert.Equal((6L, 2L), (replay.Decisions, replay.WouldDecline));
    }

    private static int sequence;

    private static SwitchEvent Recorded(RiskInput payment, DeclineReason? reason = null, IReadOnlyList<RiskRule>? fired = null) =>
        Recorded(payment, Entry(payment), reason, fired ?? []);

    private static SwitchEvent Recorded(RiskInput payment, SignalEntry entry, DeclineReason? reason, IReadOnlyList<RiskRule> fired)
    {
        var version = Interlocked.Increment(ref sequence);
        var decision = new DecisionEvent(entry.AuthorizationId, "grant-" + payment.AccountId, "card-" + payment.AccountId, "alipay", Money.Fen(payment.Amount),
            payment.Merchant, payment.Device, reason is null ? Decision.Approved : Decision.Declined, reason,
            [.. fired.Select(rule => new RuleFiring(rule.RuleId, rule.Kind, rule.Mode, 1))], payment.AccountOpenedAt);
        return new SwitchEvent(entry.EventId, payment.AccountId, payment.At, decision, null);
    }
}
