using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Risk.CrossAccount;
using Xunit;
using static BaiTiaoSwitch.Tests.Risk.Verdicts.Signals;

namespace BaiTiaoSwitch.Tests.Risk.Verdicts;

/// <summary>The evaluators of the cross-account kinds, as pure functions of rule, authorization and verdicts.</summary>
public sealed class CrossAccountRuleVerdictTests
{
    [Fact]
    public void Device_velocity_fires_on_the_payment_past_count_max_within_the_window()
    {
        var verdicts = new TestVerdicts();
        var rule = DeviceVelocity(countMax: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-" + i, at: Now.AddSeconds(i)), verdicts).Fires);
            verdicts.Record(Payment("a-" + i, at: Now.AddSeconds(i)));
        }

        var fourth = CrossAccountRules.Evaluate(rule, Payment("a-3", at: Now.AddSeconds(3)), verdicts);
        Assert.True(fourth.Fires);
        Assert.Equal(SignalSubjects.Device("d-1"), fourth.Subject);
        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-3", device: "d-2", at: Now.AddSeconds(3)), verdicts).Fires);
        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-3", device: null, ip: "10.0.0.1", at: Now.AddSeconds(3)), verdicts).Fires);
    }

    [Fact]
    public void Velocity_counts_only_what_lies_inside_the_window_ending_at_the_payment()
    {
        var verdicts = new TestVerdicts();
        var rule = DeviceVelocity(countMax: 1, windowSeconds: 60);
        verdicts.Record(Payment("a-1", at: Now));

        Assert.True(CrossAccountRules.Evaluate(rule, Payment("a-2", at: Now.AddSeconds(59)), verdicts).Fires);
        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-2", at: Now.AddSeconds(60)), verdicts).Fires);
    }

    [Fact]
    public void Merchant_velocity_fires_on_the_amount_that_takes_the_window_past_amount_max()
    {
        var verdicts = new TestVerdicts();
        var rule = MerchantVelocity(amountMax: 10_000);
        verdicts.Record(Payment("a-1", amount: 6_000, device: null));
        verdicts.Record(Payment("a-2", amount: 3_000, device: "d-9"));

        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-3", amount: 1_000), verdicts).Fires);
        Assert.True(CrossAccountRules.Evaluate(rule, Payment("a-3", amount: 1_001), verdicts).Fires);
        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-3", amount: 1_001, merchantId: "m-2"), verdicts).Fires);
    }

    [Fact]
    public void Declined_payments_are_not_counted()
    {
        var verdicts = new TestVerdicts();
        var rule = DeviceVelocity(countMax: 1);
        verdicts.Record(Payment("a-1"), approved: false);

        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-2"), verdicts).Fires);
    }

    [Fact]
    public void Device_reuse_fires_for_the_account_past_accounts_max_and_never_for_one_already_counted()
    {
        var verdicts = new TestVerdicts();
        var rule = DeviceReuse(accountsMax: 2);
        verdicts.Record(Payment("a-1"));
        verdicts.Record(Payment("a-2"));
        verdicts.Record(Payment("a-2"));

        Assert.True(CrossAccountRules.Evaluate(rule, Payment("a-3"), verdicts).Fires);
        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-1"), verdicts).Fires);
        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-3", device: "d-2"), verdicts).Fires);
    }

    [Fact]
    public void Device_reuse_also_fires_on_an_ip_shared_by_many_accounts_whatever_their_devices()
    {
        var verdicts = new TestVerdicts();
        var rule = DeviceReuse(accountsMax: 2);
        verdicts.Record(Payment("a-1", device: "d-1", ip: "10.1.1.1"));
        verdicts.Record(Payment("a-2", device: "d-2", ip: "10.1.1.1"));

        var finding = CrossAccountRules.Evaluate(rule, Payment("a-3", device: "d-3", ip: "10.1.1.1"), verdicts);
        Assert.True(finding.Fires);
        Assert.Equal(SignalSubjects.Ip("10.1.1.1"), finding.Subject);
    }

    [Fact]
    public void Promo_abuse_declines_the_young_accounts_small_payments_past_accounts_max_at_one_merchant()
    {
        var verdicts = new TestVerdicts();
        var rule = PromoAbuse(accountsMax: 3, amountMax: 1_000, ageDaysMax: 7);
        var fired = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var payment = Payment("a-" + i, amount: 800, device: "d-" + i, at: Now.AddSeconds(10 * i));
            var finding = CrossAccountRules.Evaluate(rule, payment, verdicts);
            if (finding.Fires)
            {
                fired.Add(i);
            }

            verdicts.Record(payment, approved: !finding.Fires, firedRuleIds: finding.Fires ? [rule.RuleId] : []);
        }

        Assert.Equal([3, 4, 5], fired);
    }

    [Fact]
    public void Promo_abuse_ignores_old_accounts_large_amounts_other_merchants_and_payments_spread_over_time()
    {
        var verdicts = new TestVerdicts();
        var rule = PromoAbuse(accountsMax: 1, amountMax: 1_000, ageDaysMax: 7, windowSeconds: 300, merchantId: "m-1");
        verdicts.Record(Payment("a-1", amount: 500));

        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-2", amount: 500, openedAt: Now.AddDays(-30)), verdicts).Fires);
        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-2", amount: 5_000), verdicts).Fires);
        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-2", amount: 500, merchantId: "m-2"), verdicts).Fires);
        Assert.False(CrossAccountRules.Evaluate(rule, Payment("a-2", amount: 500, at: Now.AddSeconds(300)), verdicts).Fires);
        Assert.True(CrossAccountRules.Evaluate(rule, Payment("a-2", amount: 500, at: Now.AddSeconds(299)), verdicts).Fires);
    }

    [Fact]
    public void A_burst_raises_one_alert_the_first_firing_and_a_later_burst_raises_its_own()
    {
        var verdicts = new TestVerdicts();
        var rule = PromoAbuse(accountsMax: 2, windowSeconds: 60);
        var alerts = 0;
        var firings = 0;
        for (var burst = 0; burst < 2; burst++)
        {
            for (var i = 0; i < 6; i++)
            {
                var payment = Payment($"a-{burst}-{i}", amount: 100, at: Now.AddMinutes(10 * burst).AddSeconds(i));
                var finding = CrossAccountRules.Evaluate(rule, payment, verdicts);
                firings += finding.Fires ? 1 : 0;
                alerts += finding.RaisesAlert ? 1 : 0;
                verdicts.Record(payment, approved: !finding.Fires, firedRuleIds: finding.Fires ? [rule.RuleId] : []);
            }
        }

        Assert.Equal(8, firings);
        Assert.Equal(2, alerts);
    }

    [Fact]
    public void A_shadow_rule_fires_the_same_and_a_rule_that_is_off_never_fires()
    {
        var verdicts = new TestVerdicts();
        verdicts.Record(Payment("a-1"));
        var payment = Payment("a-2");

        Assert.True(CrossAccountRules.Evaluate(PromoAbuse(accountsMax: 1, mode: RiskMode.Shadow), payment, verdicts).Fires);
        Assert.False(CrossAccountRules.Evaluate(PromoAbuse(accountsMax: 1, mode: RiskMode.Off), payment, verdicts).Fires);
    }

    [Fact]
    public void Only_velocity_of_device_or_merchant_scope_device_reuse_and_promo_abuse_are_cross_account()
    {
        Assert.True(RiskEngine.CrossAccount(DeviceVelocity(countMax: 1)));
        Assert.True(RiskEngine.CrossAccount(MerchantVelocity(countMax: 1)));
        Assert.True(RiskEngine.CrossAccount(DeviceReuse(1)));
        Assert.True(RiskEngine.CrossAccount(PromoAbuse(1)));
        Assert.False(RiskEngine.CrossAccount(Rule(RiskRuleKind.Velocity, new RuleParameters(Scope: VelocityScope.Account, WindowSeconds: 60, CountMax: 1))));
        Assert.False(RiskEngine.CrossAccount(Rule(RiskRuleKind.NewCountry, new RuleParameters())));
    }
}
