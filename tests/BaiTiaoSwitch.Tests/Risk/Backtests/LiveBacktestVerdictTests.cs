using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Risk.CrossAccount;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Risk.Verdicts;
using Xunit;
using static BaiTiaoSwitch.Tests.Risk.Verdicts.Signals;

namespace BaiTiaoSwitch.Tests.Risk.Backtests;

/// <summary>The backtest on a real cluster: its source is the decision history the event streams fill.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveBacktestVerdictTests(ClusterFixture fixture)
{
    private readonly LiveVerdicts live = new(fixture.Cluster);

    [Fact]
    public async Task A_backtest_of_a_recorded_run_declines_what_the_rules_decided_live()
    {
        var merchant = LiveVerdicts.NewMerchant();
        var device = new BaiTiaoSwitch.Payments.PayerDevice("dev-" + Guid.NewGuid().ToString("N")[..10], null);
        IReadOnlyList<RiskRule> rules =
        [
            PromoAbuse(accountsMax: 4, amountMax: 1_000, ageDaysMax: 7, windowSeconds: 120, merchantId: merchant.Id) with { RuleId = "promo" },
            DeviceReuse(accountsMax: 3, windowSeconds: 600) with { RuleId = "reuse" },
            MerchantVelocity(countMax: 5, windowSeconds: 60) with { RuleId = "velocity-merchant", Mode = RiskMode.Shadow },
        ];
        SwitchSiloConfigurator.Clock.Advance(TimeSpan.FromSeconds(1));
        var from = LiveVerdicts.Now;
        var firedLive = 0;
        const int payments = 8;
        for (var i = 0; i < payments; i++)
        {
            var payer = await live.FreshAccount();

            // What the engine decides with these rules: every silo's verdicts agree (paced slower than the lag).
            var declines = rules.Where(rule => rule.Mode == RiskMode.Enforce).Any(rule => live.Evaluate(rule, payer, 800, merchant.Id, device)[0].Fires);
            firedLive += declines ? 1 : 0;
            await live.PayAndObserve(payer, 800, merchant, device, SignalSubjects.Merchant(merchant.Id));
            SwitchSiloConfigurator.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        var issuer = new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);
        var request = new BacktestRequest(rules, from, LiveVerdicts.Now);

        // The history is written beside the monitors, so it may trail the verdicts a little: read until it holds the run.
        var backtest = await issuer.RunBacktestAsync(request);
        for (var attempt = 0; attempt < 100 && backtest.Decisions < payments; attempt++)
        {
            backtest = await issuer.RunBacktestAsync(request);
        }

        Assert.Equal(5, firedLive);
        Assert.Equal(payments, backtest.Decisions);
        Assert.Equal(firedLive, backtest.WouldDecline);
        Assert.Equal((0L, 0L, 0L), (backtest.WouldDeclineFraud, backtest.WouldDeclineLegitimate, backtest.MissedFraud));
    }

    [Fact]
    public async Task A_backtest_with_an_empty_or_inverted_window_is_refused_with_invalid_request()
    {
        var issuer = new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            issuer.RunBacktestAsync(new BacktestRequest([DeviceReuse(accountsMax: 1)], LiveVerdicts.Now, LiveVerdicts.Now)));
        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
    }

    [Fact]
    public async Task A_wallet_may_not_run_a_backtest()
    {
        var wallet = new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Wallet("alipay"));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            wallet.RunBacktestAsync(new BacktestRequest([DeviceReuse(accountsMax: 1)], LiveVerdicts.Now.AddHours(-1), LiveVerdicts.Now)));
    }
}
