using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Risk.CrossAccount;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Risk.Verdicts;
using Xunit;

namespace BaiTiaoSwitch.Tests.Risk.Backtests;

/// <summary>
/// The backtest on a real cluster, through the SDK: a run decided live by the engine (a per-line velocity rule and a
/// cross-account device_reuse rule in enforce), recorded by the decision history, labelled by resolving its alerts,
/// then replayed: the same rules decline exactly what they declined live.
/// </summary>
[Collection(RiskClusterCollection.Name)]
public sealed class LiveBacktestVerdictTests(RiskClusterFixture fixture)
{
    private const int Accounts = 3;
    private const int PaymentsEach = 2;
    private readonly LiveVerdicts live = new(fixture.Cluster);

    [Fact]
    public async Task A_backtest_of_a_recorded_run_declines_what_the_rules_decided_live_and_scores_the_labels()
    {
        var device = new PayerDevice("dev-" + Guid.NewGuid().ToString("N")[..10], null);
        var merchant = LiveVerdicts.NewMerchant();
        var (velocity, _, _) = await fixture.Put("r-bt-velocity", new RuleDraft(RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.None,
            new RuleParameters(VelocityScope.Account, WindowSeconds: 600, CountMax: 1)));
        var (reuse, _, _) = await fixture.Put("r-bt-reuse", new RuleDraft(RiskRuleKind.DeviceReuse, RiskMode.Enforce, RiskAction.None,
            new RuleParameters(WindowSeconds: 600, AccountsMax: 2)));
        SwitchSiloConfigurator.Clock.Advance(TimeSpan.FromSeconds(1));
        var from = LiveVerdicts.Now;
        var paid = new List<(Payer Payer, Authorization Answer)>();
        try
        {
            for (var i = 0; i < Accounts; i++)
            {
                var payer = await live.FreshAccount();
                for (var j = 0; j < PaymentsEach; j++)
                {
                    // Paced by the verdicts: every silo shows this payment before the next is made.
                    paid.Add((payer, (await live.PayAndObserve(payer, 500, merchant, device, SignalSubjects.Device(device.Id!))).Payment));
                    SwitchSiloConfigurator.Clock.Advance(TimeSpan.FromSeconds(2));
                }
            }
        }
        finally
        {
            await fixture.Off(velocity, reuse);
        }

        var to = LiveVerdicts.Now.AddSeconds(1);
        var declinedLive = paid.Where(payment => payment.Answer.Reason == DeclineReason.RiskDeclined).ToList();
        Assert.Equal(4, declinedLive.Count);

        // Labels: the first account's velocity decline is fraud, the second's legitimate.
        await Resolve(paid[1], AlertOutcome.Fraud);
        await Resolve(paid[3], AlertOutcome.Legitimate);

        var same = await Backtest(new BacktestRequest([velocity, reuse], from, to));
        Assert.Equal((6L, 4L, 1L, 1L, 0L), (same.Decisions, same.WouldDecline, same.WouldDeclineFraud, same.WouldDeclineLegitimate, same.MissedFraud));

        // Without the velocity rule the device rule alone declines the third account's two payments and misses the fraud.
        var reuseOnly = await Backtest(new BacktestRequest([reuse], from, to));
        Assert.Equal((6L, 2L, 0L, 0L, 1L), (reuseOnly.Decisions, reuseOnly.WouldDecline, reuseOnly.WouldDeclineFraud, reuseOnly.WouldDeclineLegitimate, reuseOnly.MissedFraud));
    }

    [Fact]
    public async Task A_backtest_with_an_inverted_window_or_a_bad_rule_is_refused_with_its_code()
    {
        var reuse = new RiskRule("r", RiskRuleKind.DeviceReuse, RiskMode.Enforce, RiskAction.None, new RuleParameters(WindowSeconds: 60, AccountsMax: 1), LiveVerdicts.Now, 0);
        var inverted = await Assert.ThrowsAsync<InvalidRequestException>(() => fixture.Issuer.RunBacktestAsync(new BacktestRequest([reuse], LiveVerdicts.Now, LiveVerdicts.Now)));
        Assert.Equal(ErrorCodes.InvalidRequest, inverted.Code);

        var bad = reuse with { Params = new RuleParameters(WindowSeconds: 60) };
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            fixture.Issuer.RunBacktestAsync(new BacktestRequest([bad], LiveVerdicts.Now.AddHours(-1), LiveVerdicts.Now)));
        Assert.Equal(ErrorCodes.InvalidRule, refused.Code);
        Assert.Contains("accountsMax", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wallet_may_not_run_a_backtest()
    {
        var wallet = fixture.Issuer.As(TestKeys.Wallet("alipay"));
        var reuse = new RiskRule("r", RiskRuleKind.DeviceReuse, RiskMode.Enforce, RiskAction.None, new RuleParameters(WindowSeconds: 60, AccountsMax: 1), LiveVerdicts.Now, 0);
        await Assert.ThrowsAsync<ForbiddenException>(() => wallet.RunBacktestAsync(new BacktestRequest([reuse], LiveVerdicts.Now.AddHours(-1), LiveVerdicts.Now)));
    }

    /// <summary>The history is written beside the monitors and may trail the verdicts: run until it holds the whole run.</summary>
    private async Task<Backtest> Backtest(BacktestRequest request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var backtest = await fixture.Issuer.RunBacktestAsync(request);
        while (backtest.Decisions < Accounts * PaymentsEach && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            backtest = await fixture.Issuer.RunBacktestAsync(request);
        }

        return backtest;
    }

    /// <summary>Resolves the alert of the payment once the alert store holds it (it follows the stream).</summary>
    private async Task Resolve((Payer Payer, Authorization Answer) payment, AlertOutcome outcome)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var alerts = await fixture.Issuer.ListAlertsAsync(new AlertQuery(payment.Payer.Scenario.AccountId, null, null, AlertQuery.LimitDefault));
            if (alerts.FirstOrDefault(alert => alert.AuthorizationId == payment.Answer.AuthorizationId) is { } alert)
            {
                await fixture.Issuer.ResolveAlertAsync(alert.AlertId, outcome);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the alert of {payment.Answer.AuthorizationId} never reached the alert store");
            await Task.Delay(50);
        }
    }
}
