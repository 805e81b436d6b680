using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BaiTiaoSwitch.Tests.Events;

/// <summary>An alert's action on a real cluster: through the issuer's own methods, in force at once (guarantee 5), idempotent.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AlertActionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_alert_asking_to_suspend_the_grant_suspends_it_at_once_and_again_changes_nothing()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000, "alipay", "wechatpay");
        var alert = Asking(scenario, RiskAction.SuspendGrant, scenario.Grants["alipay"].GrantId);

        Assert.Equal(AlertActionTaken.GrantSuspended, (await CarryOut(alert)).Action);
        Assert.Equal(GrantStatus.Suspended, (await scenario.Issuer.GetGrantAsync(scenario.Grants["alipay"].GrantId)).Status);
        Assert.Equal(DeclineReason.GrantNotActive, (await scenario.Pay("alipay", 100)).Reason);
        Assert.Equal(Decision.Approved, (await scenario.Pay("wechatpay", 100)).Decision);

        // Published again after a restart: the same key replays the first answer.
        Assert.Equal(AlertActionTaken.GrantSuspended, (await CarryOut(alert)).Action);
    }

    [Fact]
    public async Task An_alert_asking_to_freeze_the_card_or_the_account_freezes_it_before_the_next_decision()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000, "alipay");
        Assert.Equal(AlertActionTaken.CardFrozen, (await CarryOut(Asking(scenario, RiskAction.FreezeCard, scenario.Grants["alipay"].GrantId))).Action);
        Assert.Equal(CardStatus.Frozen, (await scenario.Issuer.GetCardAsync(scenario.CardId)).Status);
        Assert.Equal(DeclineReason.CardNotActive, (await scenario.Pay("alipay", 100)).Reason);

        Assert.Equal(AlertActionTaken.AccountFrozen, (await CarryOut(Asking(scenario, RiskAction.FreezeAccount, scenario.Grants["alipay"].GrantId))).Action);
        Assert.Equal(AccountStatus.Frozen, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Status);
    }

    [Fact]
    public async Task An_action_the_object_refuses_for_good_is_recorded_as_not_taken()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 100_000, "alipay");
        await scenario.Issuer.CancelCardAsync(scenario.CardId);

        Assert.Equal(AlertActionTaken.None, (await CarryOut(Asking(scenario, RiskAction.FreezeCard, scenario.Grants["alipay"].GrantId))).Action);
        Assert.Equal(CardStatus.Cancelled, (await scenario.Issuer.GetCardAsync(scenario.CardId)).Status);
    }

    private static SwitchEvent Asking(Scenario scenario, RiskAction action, string grantId)
    {
        var at = SwitchSiloConfigurator.Clock.GetUtcNow();
        var alertId = "al_" + Guid.NewGuid().ToString("N")[..12] + "_1";
        return new SwitchEvent(SwitchEvent.IdOf(scenario.AccountId, 1, 0), scenario.AccountId, at, null,
            new Alert(alertId, "velocity", "high", "rule-velocity", scenario.AccountId, scenario.CardId, grantId, null, null, AlertActionTaken.None, null, at, action));
    }

    /// <summary>As the line's outbox does, inside the cluster.</summary>
    private async Task<Alert> CarryOut(SwitchEvent item) =>
        Assert.Single(await SiloSide.Services(fixture.Cluster).GetRequiredService<IAlertActions>().CarryOut([item])).Alert!;
}
