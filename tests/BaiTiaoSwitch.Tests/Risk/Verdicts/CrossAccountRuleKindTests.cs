using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Risk.CrossAccount;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Risk.Verdicts;

/// <summary>
/// The cross-account kinds through the engine on a real cluster: payments made through the SDK, decided by each
/// account's rules with the verdicts its silo holds, each paced by the verdict itself (the next payment comes once every
/// silo's cache shows the last one), so they are counted exactly. Enforce declines the excess risk_declined and carries out
/// the rule's action; shadow records the same firings and changes nothing.
/// </summary>
[Collection(RiskClusterCollection.Name)]
public sealed class CrossAccountRuleKindTests(RiskClusterFixture fixture)
{
    private const int Accounts = 6;
    private const int AccountsMax = 3;
    private const int WindowSeconds = 600;
    private readonly LiveVerdicts live = new(fixture.Cluster);

    /// <summary>One payment of 800 fen by each of <see cref="Accounts"/> fresh accounts, paced by the verdicts; <paramref name="between"/> runs after each.</summary>
    private async Task<List<(Payer Payer, Authorization Answer)>> FreshAccountsPay(RuleDraft draft, string ruleId, Func<int, Merchant> merchantOf, PayerDevice? device,
        Action? between = null)
    {
        var (rule, _, _) = await fixture.Put(ruleId, draft);
        try
        {
            var paid = new List<(Payer, Authorization)>();
            for (var i = 0; i < Accounts; i++)
            {
                var payer = await live.FreshAccount();
                var merchant = merchantOf(i);
                var subject = device?.Id is { } id ? SignalSubjects.Device(id) : SignalSubjects.Merchant(merchant.Id);
                paid.Add((payer, (await live.PayAndObserve(payer, 800, merchant, device, subject)).Payment));
                between?.Invoke();
            }

            return paid;
        }
        finally
        {
            await fixture.Off(rule);
        }
    }

    /// <summary>The decisions (declined where fired in enforce), the firings on them and the alerts, each alert with the action carried out.</summary>
    private static async Task<List<Alert>> AssertFired(List<(Payer Payer, Authorization Answer)> paid, string ruleId, RiskMode mode, bool[] fired)
    {
        var alerts = new List<Alert>();
        for (var i = 0; i < paid.Count; i++)
        {
            var (payer, answer) = paid[i];
            var declined = mode == RiskMode.Enforce && fired[i];
            Assert.True(declined ? answer.Reason == DeclineReason.RiskDeclined : answer.Decision == Decision.Approved, $"payment {i}: {answer.Decision} {answer.Reason}");
            var (decision, raised) = await PublishedEvents.Decision(payer.Scenario.AccountId, answer.AuthorizationId);
            Assert.Equal(fired[i], decision.Firings.Any(firing => firing.RuleId == ruleId && firing.Mode == mode));
            alerts.AddRange(raised.Where(alert => alert.RuleId == ruleId));
        }

        return alerts;
    }

    [Theory]
    [InlineData(RiskMode.Enforce)]
    [InlineData(RiskMode.Shadow)]
    public async Task Promo_abuse_declines_the_fresh_accounts_past_accounts_max_at_one_merchant_and_raises_one_alert_per_burst(RiskMode mode)
    {
        var merchant = LiveVerdicts.NewMerchant();
        var draft = new RuleDraft(RiskRuleKind.PromoAbuse, mode, RiskAction.FreezeAccount,
            new RuleParameters(MerchantId: merchant.Id, AccountAgeDaysMax: 7, AmountMax: 1_000, AccountsMax: AccountsMax, WindowSeconds: WindowSeconds));

        var paid = await FreshAccountsPay(draft, "r-promo-" + mode, _ => merchant, null, () => SwitchSiloConfigurator.Clock.Advance(TimeSpan.FromSeconds(5)));

        var alerts = await AssertFired(paid, "r-promo-" + mode, mode, [false, false, false, true, true, true]);
        var alert = Assert.Single(alerts);
        Assert.Equal(("promo_abuse", paid[AccountsMax].Answer.AuthorizationId, merchant.Id), (alert.Kind, alert.AuthorizationId, alert.MerchantId));
        Assert.Equal(RiskAction.FreezeAccount, alert.Requested);
        Assert.Equal(mode == RiskMode.Enforce ? AlertActionTaken.AccountFrozen : AlertActionTaken.None, alert.Action);
    }

    [Fact]
    public async Task The_same_promo_payments_spread_over_time_pass()
    {
        var merchant = LiveVerdicts.NewMerchant();
        var draft = new RuleDraft(RiskRuleKind.PromoAbuse, RiskMode.Enforce, RiskAction.FreezeAccount,
            new RuleParameters(AccountAgeDaysMax: 7, AmountMax: 1_000, AccountsMax: AccountsMax, WindowSeconds: WindowSeconds));

        // More than a third of the window between payments: a window never holds more than three of them.
        var paid = await FreshAccountsPay(draft, "r-promo-time", _ => merchant, null,
            () => SwitchSiloConfigurator.Clock.Advance(TimeSpan.FromSeconds(WindowSeconds / AccountsMax + 1)));

        Assert.Empty(await AssertFired(paid, "r-promo-time", RiskMode.Enforce, new bool[Accounts]));
    }

    [Fact]
    public async Task The_same_promo_payments_spread_over_merchants_pass()
    {
        var merchants = Enumerable.Range(0, Accounts).Select(_ => LiveVerdicts.NewMerchant()).ToList();
        var draft = new RuleDraft(RiskRuleKind.PromoAbuse, RiskMode.Enforce, RiskAction.FreezeAccount,
            new RuleParameters(AccountAgeDaysMax: 7, AmountMax: 1_000, AccountsMax: AccountsMax, WindowSeconds: WindowSeconds));

        var paid = await FreshAccountsPay(draft, "r-promo-merchants", i => merchants[i], null);

        Assert.Empty(await AssertFired(paid, "r-promo-merchants", RiskMode.Enforce, new bool[Accounts]));
    }

    [Theory]
    [InlineData(RiskMode.Enforce)]
    [InlineData(RiskMode.Shadow)]
    public async Task Device_reuse_declines_the_accounts_past_accounts_max_on_one_device_and_freezes_each_ones_card(RiskMode mode)
    {
        var device = new PayerDevice("dev-" + Guid.NewGuid().ToString("N")[..10], null);
        var draft = new RuleDraft(RiskRuleKind.DeviceReuse, mode, RiskAction.FreezeCard, new RuleParameters(AccountsMax: AccountsMax, WindowSeconds: WindowSeconds));

        var paid = await FreshAccountsPay(draft, "r-reuse-" + mode, _ => LiveVerdicts.NewMerchant(), device);

        var alerts = await AssertFired(paid, "r-reuse-" + mode, mode, [false, false, false, true, true, true]);
        Assert.Equal(paid[AccountsMax..].Select(payment => payment.Answer.AuthorizationId), alerts.Select(alert => alert.AuthorizationId));
        Assert.All(alerts, alert => Assert.Equal(("device_reuse", mode == RiskMode.Enforce ? AlertActionTaken.CardFrozen : AlertActionTaken.None), (alert.Kind, alert.Action)));
    }

    [Theory]
    [InlineData(RiskMode.Enforce, VelocityScope.Device)]
    [InlineData(RiskMode.Shadow, VelocityScope.Device)]
    [InlineData(RiskMode.Enforce, VelocityScope.Merchant)]
    [InlineData(RiskMode.Shadow, VelocityScope.Merchant)]
    public async Task Velocity_by_device_or_merchant_counts_every_accounts_approvals_there(RiskMode mode, VelocityScope scope)
    {
        var device = new PayerDevice("dev-" + Guid.NewGuid().ToString("N")[..10], null);
        var merchant = LiveVerdicts.NewMerchant();
        var draft = new RuleDraft(RiskRuleKind.Velocity, mode, RiskAction.SuspendGrant, new RuleParameters(scope, WindowSeconds: WindowSeconds, CountMax: 4));

        // Device scope: one device at six merchants; merchant scope: six devices at one merchant.
        var paid = scope == VelocityScope.Device
            ? await FreshAccountsPay(draft, $"r-velocity-{scope}-{mode}", _ => LiveVerdicts.NewMerchant(), device)
            : await FreshAccountsPay(draft, $"r-velocity-{scope}-{mode}", _ => merchant, null);

        var alerts = await AssertFired(paid, $"r-velocity-{scope}-{mode}", mode, [false, false, false, false, true, true]);
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, alert => Assert.Equal(mode == RiskMode.Enforce ? AlertActionTaken.GrantSuspended : AlertActionTaken.None, alert.Action));
    }
}
