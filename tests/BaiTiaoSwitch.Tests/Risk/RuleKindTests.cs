using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit;

namespace BaiTiaoSwitch.Tests.Risk;

/// <summary>
/// Each per-account rule kind on a real cluster, in enforce mode (the firing declines risk_declined) and in shadow mode
/// (the same firing is recorded, the decision does not change); every firing is on the decision's event and raises one
/// alert of the rule's kind that names the rule and asks for its action.
/// </summary>
[Collection(RiskClusterCollection.Name)]
public sealed class RuleKindTests(RiskClusterFixture fixture)
{
    private static readonly Merchant Abroad = Scenario.Shop with { Id = "m-abroad", Country = "US" };

    /// <summary>A line with card 1 (grants alipay, wechatpay) and card 2 (grant alipay).</summary>
    private sealed record Line(Scenario Scenario, Card SecondCard, Grant SecondGrant)
    {
        public Task<Authorization> Pay(string grantId, string channel, long amount, Merchant? merchant = null) =>
            Scenario.Wallet(channel).AuthorizeAsync(new AuthorizeRequest(grantId, null, Money.Fen(amount), merchant ?? Scenario.Shop));

        public Task<Authorization> Card1(string channel, long amount = 100, Merchant? merchant = null) => Pay(Scenario.Grants[channel].GrantId, channel, amount, merchant);

        public Task<Authorization> Card2(long amount = 100) => Pay(SecondGrant.GrantId, "alipay", amount);
    }

    private async Task<Line> NewLine()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000_000, "alipay", "wechatpay");
        var second = await scenario.Issuer.IssueCardAsync(scenario.AccountId);
        var grant = await scenario.Issuer.CreateGrantAsync(second.Card.CardId, new GrantRequest("alipay"));
        return new Line(scenario, second.Card, grant);
    }

    /// <summary>Runs <paramref name="payments"/> under one rule, then turns it off; returns the answers.</summary>
    private async Task<(RiskRule Rule, Authorization[] Answers)> Under(string ruleId, RuleDraft draft, Line line, params Func<Line, Task<Authorization>>[] payments)
    {
        var (rule, _, _) = await fixture.Put(ruleId, draft);
        try
        {
            var answers = new List<Authorization>();
            foreach (var pay in payments)
            {
                answers.Add(await pay(line));
            }

            return (rule, [.. answers]);
        }
        finally
        {
            await fixture.Off(rule);
        }
    }

    /// <summary>Checks the decision events and alerts of every answer: fired where expected, in the rule's mode, with its action asked.</summary>
    private static async Task AssertFirings(Line line, RiskRule rule, Authorization[] answers, bool[] fired)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            var (decision, alerts) = await PublishedEvents.Decision(line.Scenario.AccountId, answers[i].AuthorizationId);
            Assert.Equal(answers[i].Decision, decision.Decision);
            if (!fired[i])
            {
                Assert.DoesNotContain(decision.Firings, firing => firing.RuleId == rule.RuleId);
                Assert.DoesNotContain(alerts, alert => alert.RuleId == rule.RuleId);
                continue;
            }

            var firing = Assert.Single(decision.Firings, firing => firing.RuleId == rule.RuleId);
            Assert.Equal((rule.Kind, rule.Mode, rule.Version), (firing.Kind, firing.Mode, firing.RuleSetVersion));
            var alert = Assert.Single(alerts, alert => alert.RuleId == rule.RuleId);
            Assert.Equal(RiskNames.Of(rule.Kind), alert.Kind);
            Assert.Equal(rule.Action, alert.Requested);
            Assert.Equal(AlertActionTaken.None, alert.Action);
            Assert.Equal(rule.Mode == RiskMode.Shadow ? "low" : rule.Action == RiskAction.None ? "medium" : "high", alert.Severity);
            Assert.Equal((line.Scenario.AccountId, answers[i].GrantId, answers[i].AuthorizationId), (alert.AccountId, alert.GrantId, alert.AuthorizationId));
        }
    }

    // In enforce mode a rule's action would stop the next payment by its status (grant_not_active, card_frozen, ...)
    // before the rule could decline it again, so these sequences ask for none; AlertActionTests and
    // AlertActionRulesTests cover the actions. In shadow mode the requested action rides on the alert and is never done.
    private static RiskAction ActionIn(RiskMode mode, RiskAction action) => mode == RiskMode.Shadow ? action : RiskAction.None;

    private static void AssertDecisions(RiskMode mode, Authorization[] answers, bool[] fired)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            var declined = mode == RiskMode.Enforce && fired[i];
            Assert.True(declined ? answers[i].Reason == DeclineReason.RiskDeclined : answers[i].Decision == Decision.Approved,
                $"payment {i}: {answers[i].Decision} {answers[i].Reason}");
        }
    }

    public static TheoryData<RiskMode, VelocityScope, bool[]> VelocityScopes => new()
    {
        // card 1 alipay, card 1 wechatpay, card 2 alipay, card 1 alipay again; countMax 1 in the window.
        { RiskMode.Enforce, VelocityScope.Grant, [false, false, false, true] },
        { RiskMode.Shadow, VelocityScope.Grant, [false, false, false, true] },
        { RiskMode.Enforce, VelocityScope.Card, [false, true, false, true] },
        { RiskMode.Shadow, VelocityScope.Card, [false, true, false, true, true] },
        { RiskMode.Enforce, VelocityScope.Account, [false, true, true, true] },
        { RiskMode.Shadow, VelocityScope.Account, [false, true, true, true] },
    };

    [Theory]
    [MemberData(nameof(VelocityScopes))]
    public async Task Velocity_counts_approvals_in_its_window_at_its_scope(RiskMode mode, VelocityScope scope, bool[] fired)
    {
        var line = await NewLine();
        var draft = new RuleDraft(RiskRuleKind.Velocity, mode, ActionIn(mode, RiskAction.SuspendGrant), new RuleParameters(scope, WindowSeconds: 60, CountMax: 1));
        Func<Line, Task<Authorization>>[] payments = [l => l.Card1("alipay"), l => l.Card1("wechatpay"), l => l.Card2(), l => l.Card1("alipay"), l => l.Card1("wechatpay")];

        var (rule, answers) = await Under("r-velocity-" + scope, draft, line, payments[..fired.Length]);

        AssertDecisions(mode, answers, fired);
        await AssertFirings(line, rule, answers, fired);
    }

    [Theory]
    [InlineData(RiskMode.Enforce)]
    [InlineData(RiskMode.Shadow)]
    public async Task Velocity_amount_counts_the_window_only(RiskMode mode)
    {
        var line = await NewLine();
        var draft = new RuleDraft(RiskRuleKind.Velocity, mode, ActionIn(mode, RiskAction.FreezeCard), new RuleParameters(VelocityScope.Card, WindowSeconds: 60, AmountMax: 1_000));

        var (rule, answers) = await Under("r-velocity-amount", draft, line,
            l => l.Card1("alipay", 600),
            l => l.Card1("alipay", 401),
            l => l.Card1("alipay", 400),
            async l =>
            {
                // Past the window the earlier approvals no longer count.
                SwitchSiloConfigurator.Clock.Advance(TimeSpan.FromSeconds(61));
                return await l.Card1("alipay", 900);
            });

        bool[] fired = mode == RiskMode.Enforce ? [false, true, false, false] : [false, true, true, false];
        AssertDecisions(mode, answers, fired);
        await AssertFirings(line, rule, answers, fired);
    }

    [Theory]
    [InlineData(RiskMode.Enforce)]
    [InlineData(RiskMode.Shadow)]
    public async Task Amount_spike_fires_above_factor_times_the_holders_median_once_history_is_known(RiskMode mode)
    {
        var line = await NewLine();
        var draft = new RuleDraft(RiskRuleKind.AmountSpike, mode, ActionIn(mode, RiskAction.FreezeAccount), new RuleParameters(Factor: 3, HistoryMin: 4));

        // Too little history for the first big one; then the median is about 1,000 (its bucket's top is 1,023).
        var (rule, answers) = await Under("r-spike", draft, line,
            l => l.Card1("alipay", 1_000), l => l.Card1("alipay", 9_000), l => l.Card1("alipay", 1_000), l => l.Card1("alipay", 1_000),
            l => l.Card1("wechatpay", 3_000), l => l.Card2(5_000), l => l.Card1("alipay", 1_000));

        bool[] fired = [false, false, false, false, false, true, false];
        AssertDecisions(mode, answers, fired);
        await AssertFirings(line, rule, answers, fired);
    }

    [Theory]
    [InlineData(RiskMode.Enforce)]
    [InlineData(RiskMode.Shadow)]
    public async Task New_country_fires_on_a_country_the_account_has_not_paid_in(RiskMode mode)
    {
        var line = await NewLine();
        var draft = new RuleDraft(RiskRuleKind.NewCountry, mode, RiskAction.None, new RuleParameters());

        var (rule, answers) = await Under("r-country", draft, line,
            l => l.Card1("alipay"), l => l.Card2(), l => l.Card1("wechatpay", merchant: Abroad), l => l.Card1("alipay", merchant: Abroad));

        // Shadow approved the first payment abroad, so the account has paid there: the second is not new.
        bool[] fired = mode == RiskMode.Enforce ? [false, false, true, true] : [false, false, true, false];
        AssertDecisions(mode, answers, fired);
        await AssertFirings(line, rule, answers, fired);
    }

    [Theory]
    [InlineData(RiskMode.Enforce)]
    [InlineData(RiskMode.Shadow)]
    public async Task Wallet_fanout_fires_when_one_card_pays_through_too_many_wallets(RiskMode mode)
    {
        var line = await NewLine();
        var draft = new RuleDraft(RiskRuleKind.WalletFanout, mode, ActionIn(mode, RiskAction.FreezeCard), new RuleParameters(WindowSeconds: 300, WalletsMax: 1));

        // Card 2 is another card: its one wallet is its own.
        var (rule, answers) = await Under("r-fanout", draft, line,
            l => l.Card1("alipay"), l => l.Card1("alipay"), l => l.Card2(), l => l.Card1("wechatpay"));

        bool[] fired = [false, false, false, true];
        AssertDecisions(mode, answers, fired);
        await AssertFirings(line, rule, answers, fired);
    }

    [Theory]
    [InlineData(RiskAction.SuspendGrant, AlertActionTaken.GrantSuspended, DeclineReason.GrantNotActive)]
    [InlineData(RiskAction.FreezeCard, AlertActionTaken.CardFrozen, DeclineReason.CardNotActive)]
    [InlineData(RiskAction.FreezeAccount, AlertActionTaken.AccountFrozen, DeclineReason.AccountNotActive)]
    public async Task An_enforce_firing_carries_out_its_action_before_its_alert_is_published(RiskAction action, AlertActionTaken taken, DeclineReason next)
    {
        var line = await NewLine();
        var draft = new RuleDraft(RiskRuleKind.Velocity, RiskMode.Enforce, action, new RuleParameters(VelocityScope.Account, WindowSeconds: 60, CountMax: 0));

        var (rule, answers) = await Under("r-action-" + action, draft, line, l => l.Card1("alipay"));

        Assert.Equal(DeclineReason.RiskDeclined, answers[0].Reason);
        var (_, alerts) = await PublishedEvents.Decision(line.Scenario.AccountId, answers[0].AuthorizationId);
        Assert.Equal(taken, Assert.Single(alerts, alert => alert.RuleId == rule.RuleId).Action);

        // Published means done: the rule is off now, and the object the action stopped still declines, by its status.
        Assert.Equal(next, (await line.Card1("alipay")).Reason);
    }

    [Fact]
    public async Task A_rule_in_mode_off_is_not_evaluated()
    {
        var line = await NewLine();
        var draft = new RuleDraft(RiskRuleKind.Velocity, RiskMode.Off, RiskAction.None, new RuleParameters(VelocityScope.Account, WindowSeconds: 60, CountMax: 0));

        var (rule, answers) = await Under("r-off", draft, line, l => l.Card1("alipay"), l => l.Card2());

        AssertDecisions(RiskMode.Off, answers, [false, false]);
        await AssertFirings(line, rule, answers, [false, false]);
    }

    [Fact]
    public async Task Risk_declined_stays_last_a_payment_without_credit_is_declined_for_credit_and_no_rule_fires()
    {
        var line = await NewLine();
        var draft = new RuleDraft(RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.None, new RuleParameters(VelocityScope.Account, WindowSeconds: 60, CountMax: 0));

        var (rule, answers) = await Under("r-precedence", draft, line, l => l.Card1("alipay", 10_000_001), l => l.Card1("alipay", 100));

        Assert.Equal(DeclineReason.InsufficientCredit, answers[0].Reason);
        Assert.Equal(DeclineReason.RiskDeclined, answers[1].Reason);
        await AssertFirings(line, rule, answers, [false, true]);
    }

    [Fact]
    public async Task The_risk_memory_survives_a_reload_of_the_line()
    {
        var line = await NewLine();
        Assert.Equal(Decision.Approved, (await line.Card1("alipay", 1_000)).Decision);
        Assert.Equal(Decision.Approved, (await line.Card1("alipay", 1_000)).Decision);
        await Activations.DeactivateAll(fixture.Cluster);
        var stored = await StoredLedger.LoadBook(fixture.Cluster, line.Scenario.AccountId);
        Assert.Equal(2, stored.RecentPayments.Count);
        Assert.Equal((2L, 2), (stored.Risk.Recorded, stored.Risk.Amounts.Weight));
        Assert.Equal(["CN"], stored.Risk.Countries);

        var draft = new RuleDraft(RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.None, new RuleParameters(VelocityScope.Grant, WindowSeconds: 60, CountMax: 2));
        var (_, answers) = await Under("r-reload", draft, line, l => l.Card1("alipay", 1_000));

        Assert.Equal(DeclineReason.RiskDeclined, answers[0].Reason);
    }

    [Fact]
    public async Task The_risk_memory_is_in_the_lines_snapshot()
    {
        var line = await NewLine();
        var snapshots = SiloSide.Services(fixture.Cluster).GetRequiredKeyedService<IGrainStorage>(StorageNames.Snapshots);
        var snapshot = new GrainState<AccountImage>(new AccountImage());
        for (var paid = 0; paid < 200 && snapshot.State!.Version == 0; paid++)
        {
            Assert.Equal(Decision.Approved, (await line.Card1(paid % 2 == 0 ? "alipay" : "wechatpay", 100 + paid)).Decision);
            await snapshots.ReadStateAsync("snapshot", GrainId.Create("btssnapshot", line.Scenario.AccountId), snapshot, CancellationToken.None);
        }

        var image = snapshot.State!;
        Assert.True(image.Version > 0, "no snapshot was written");
        var approved = image.Authorizations.Count(record => record.IsApproved);
        Assert.NotNull(image.Risk);
        Assert.Equal(approved, image.Risk.Recorded);
        Assert.Equal(approved, image.RecentPayments.Count);
        Assert.Equal(approved, image.Risk.Amounts.Weight);
        Assert.Equal(["CN"], image.Risk.Countries);
    }
}
