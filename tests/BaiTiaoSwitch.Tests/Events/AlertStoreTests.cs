using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using BaiTiaoSwitch.Tests.Infrastructure.Events;
using Orleans.Runtime;
using Orleans.Streams;
using Xunit;

namespace BaiTiaoSwitch.Tests.Events;

/// <summary>The alert store: it follows the event streams, keeps alerts durably, deduplicates by event id, keeps a bounded number.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AlertStoreTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_forced_posting_over_the_limit_is_stored_as_an_over_limit_alert_listed_by_account_and_kind_and_resolved_as_fraud()
    {
        var cluster = fixture.Cluster;
        var scenario = await Scenario.Create(cluster.GrainFactory, 1_000, "alipay");
        var stored = WhenStoreWrites(scenario.AccountId);
        var hold = await scenario.Pay("alipay", 1_000);
        await scenario.Wallet("alipay").CaptureAsync(hold.AuthorizationId, Money.Fen(1_100), final: true);
        await stored.WaitAsync(TimeSpan.FromMinutes(1));

        var alerts = await scenario.Issuer.ListAlertsAsync(new AlertQuery(scenario.AccountId, Alert.OverLimit, null, AlertQuery.LimitDefault));
        var alert = Assert.Single(alerts);
        Assert.Equal((hold.AuthorizationId, scenario.CardId, "high", AlertActionTaken.None), (alert.AuthorizationId, alert.CardId, alert.Severity, alert.Action));
        Assert.Null(alert.Outcome);
        Assert.Empty(await scenario.Issuer.ListAlertsAsync(new AlertQuery(scenario.AccountId, Alert.CreditScoreDrop, null, AlertQuery.LimitDefault)));
        Assert.Empty(await scenario.Issuer.ListAlertsAsync(new AlertQuery(scenario.AccountId, null, alert.CreatedAt.AddSeconds(1), AlertQuery.LimitDefault)));

        var resolved = await scenario.Issuer.ResolveAlertAsync(alert.AlertId, AlertOutcome.Fraud);
        Assert.Equal(AlertOutcome.Fraud, resolved.Outcome);
        await Activations.DeactivateAll(cluster);
        Assert.Equal(AlertOutcome.Fraud, Assert.Single(await scenario.Issuer.ListAlertsAsync(new AlertQuery(scenario.AccountId, null, null, 10))).Outcome);
        await Assert.ThrowsAsync<NotFoundException>(() => scenario.Issuer.ResolveAlertAsync("al_unknown_1", AlertOutcome.Legitimate));
        await Assert.ThrowsAsync<ForbiddenException>(() => scenario.Wallet("alipay").ListAlertsAsync(new AlertQuery(scenario.AccountId, null, null, 10)));
    }

    [Fact]
    public async Task An_alert_delivered_twice_is_stored_once_and_only_the_newest_alerts_are_kept_past_the_retention()
    {
        var cluster = fixture.Cluster;
        var accountId = "acct-" + Guid.NewGuid().ToString("N")[..16];
        var stream = cluster.Client.GetStreamProvider(SwitchStreams.Provider).GetStream<SwitchEvent>(StreamId.Create(SwitchStreams.Namespace, SwitchStreams.StreamKeyOf(accountId)));
        var at = SwitchSiloConfigurator.Clock.GetUtcNow();
        SwitchEvent Raised(int number) => new(SwitchEvent.IdOf(accountId, number, 0), accountId, at.AddSeconds(number), null,
            new Alert($"al_{accountId}_{number}", Alert.OverLimit, "medium", null, accountId, null, null, null, null, AlertActionTaken.None, null, at.AddSeconds(number)));

        // The same event twice (a line republishing what it had not confirmed), then another: in stream order.
        var second = WhenStoreWrites(accountId, after: 1);
        await stream.OnNextAsync(Raised(1));
        await stream.OnNextAsync(Raised(1));
        await stream.OnNextAsync(Raised(2));
        await second.WaitAsync(TimeSpan.FromMinutes(1));
        var issuer = new BaiTiaoSwitch.Client.BaiTiaoSwitchClient(cluster.GrainFactory, TestKeys.Issuer);
        Assert.Equal([$"al_{accountId}_2", $"al_{accountId}_1"], (await issuer.ListAlertsAsync(new AlertQuery(accountId, null, null, 10))).Select(alert => alert.AlertId));

        // The test silos keep 5 alerts per stream: after 7, the 5 newest are left.
        var seventh = WhenStoreWrites(accountId, after: 4);
        for (var number = 3; number <= 7; number++)
        {
            await stream.OnNextAsync(Raised(number));
        }

        await seventh.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(Enumerable.Range(3, 5).Reverse().Select(number => $"al_{accountId}_{number}"),
            (await issuer.ListAlertsAsync(new AlertQuery(accountId, null, null, 10))).Select(alert => alert.AlertId));
        Assert.Equal(2, (await issuer.ListAlertsAsync(new AlertQuery(accountId, null, null, 2))).Count);
    }

    /// <summary>Completes when the alert store of the line's stream has written (after <paramref name="after"/> earlier writes).</summary>
    private Task WhenStoreWrites(string accountId, int after = 0)
    {
        var faults = ClusterFactory.Faults(fixture.Cluster);
        var target = "alertstore/" + SwitchStreams.StreamKeyOf(accountId);
        var seen = 0;
        return faults.WhenStored(StorageNames.Snapshots, written => written.Contains(target, StringComparison.Ordinal) && Interlocked.Increment(ref seen) > after);
    }
}
