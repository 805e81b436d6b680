using BaiTiaoSwitch.Risk.CrossAccount;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;
using static BaiTiaoSwitch.Tests.Risk.Verdicts.Signals;

namespace BaiTiaoSwitch.Tests.Risk.Verdicts;

/// <summary>
/// Promo abuse (薅羊毛) on a real cluster, through the live verdicts: many fresh accounts paying small amounts at one
/// merchant within minutes make the excess fire; the same payments spread over time or over merchants do not.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LivePromoVerdictTests(ClusterFixture fixture)
{
    private const int Accounts = 6;
    private const int AccountsMax = 3;
    private const int WindowSeconds = 60;
    private readonly LiveVerdicts live = new(fixture.Cluster);

    [Fact]
    public async Task Fresh_accounts_paying_small_amounts_at_one_merchant_within_minutes_fire_past_accounts_max()
    {
        var merchant = LiveVerdicts.NewMerchant();
        var rule = PromoAbuse(AccountsMax, amountMax: 1_000, ageDaysMax: 7, windowSeconds: WindowSeconds, merchantId: merchant.Id);
        var fired = new List<int>();
        for (var i = 0; i < Accounts; i++)
        {
            var payer = await live.FreshAccount();
            var findings = live.Evaluate(rule, payer, 800, merchant.Id, null);
            Assert.All(findings, finding => Assert.Equal(findings[0], finding));
            if (findings[0].Fires)
            {
                fired.Add(i);
                Assert.Equal(SignalSubjects.Merchant(merchant.Id), findings[0].Subject);
            }

            await live.PayAndObserve(payer, 800, merchant, null, SignalSubjects.Merchant(merchant.Id));
            SwitchSiloConfigurator.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal([3, 4, 5], fired);
    }

    [Fact]
    public async Task The_same_payments_spread_over_time_do_not_fire()
    {
        var merchant = LiveVerdicts.NewMerchant();
        var rule = PromoAbuse(AccountsMax, amountMax: 1_000, ageDaysMax: 7, windowSeconds: WindowSeconds);
        for (var i = 0; i < Accounts; i++)
        {
            var payer = await live.FreshAccount();
            Assert.All(live.Evaluate(rule, payer, 800, merchant.Id, null), finding => Assert.False(finding.Fires));
            await live.PayAndObserve(payer, 800, merchant, null, SignalSubjects.Merchant(merchant.Id));

            // Half a window and more between payments: a window never holds more than two of them.
            SwitchSiloConfigurator.Clock.Advance(TimeSpan.FromSeconds(WindowSeconds / 2 + 1));
        }
    }

    [Fact]
    public async Task The_same_payments_spread_over_merchants_do_not_fire()
    {
        var rule = PromoAbuse(AccountsMax, amountMax: 1_000, ageDaysMax: 7, windowSeconds: WindowSeconds);
        for (var i = 0; i < Accounts; i++)
        {
            var merchant = LiveVerdicts.NewMerchant();
            var payer = await live.FreshAccount();
            Assert.All(live.Evaluate(rule, payer, 800, merchant.Id, null), finding => Assert.False(finding.Fires));
            await live.PayAndObserve(payer, 800, merchant, null, SignalSubjects.Merchant(merchant.Id));
        }
    }
}
