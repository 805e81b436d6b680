using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Lifecycle;

/// <summary>Dynamic credit monitoring (信用评分动态监测): the score bands move the limit in force, on a real cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CreditScoreTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_score_drop_lowers_the_limit_to_its_band_share_blocks_approvals_until_use_falls_and_raises_one_credit_score_drop_alert()
    {
        var cluster = fixture.Cluster;
        var scenario = await Scenario.Create(cluster.GrainFactory, 10_000, "alipay");
        var issuer = scenario.Issuer;

        // Within the band (720 → 700): the limit stays whole and nothing is raised.
        var sameBand = await issuer.ChangeCreditScoreAsync(scenario.AccountId, 700);
        Assert.Equal((10_000L, 700), (sameBand.CreditLimit.Amount, sameBand.CreditScore));
        var hold = await scenario.Pay("alipay", 6_000);
        Assert.True(hold.IsApproved);

        // 700 → 550: the 50% band. The limit falls below the line's use; nothing is taken back, but nothing new is approved.
        var dropKey = "score-drop-" + Guid.NewGuid().ToString("N");
        var dropped = await issuer.ChangeCreditScoreAsync(scenario.AccountId, 550, RequestOptions.WithKey(dropKey));
        Assert.Equal((5_000L, -1_000L, 6_000L, 550), (dropped.CreditLimit.Amount, dropped.Available.Amount, dropped.Pending.Amount, dropped.CreditScore));
        Assert.Equal(DeclineReason.InsufficientCredit, (await scenario.Pay("alipay", 1)).Reason);

        // The same key and score answers the same; the same key with another score is refused; neither changes anything.
        Assert.Equal(dropped with { }, (await issuer.ChangeCreditScoreAsync(scenario.AccountId, 550, RequestOptions.WithKey(dropKey))) with { });
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => issuer.ChangeCreditScoreAsync(scenario.AccountId, 800, RequestOptions.WithKey(dropKey)));

        // Once use falls, approvals come back within the band's share.
        await scenario.Wallet("alipay").ReverseAsync(hold.AuthorizationId);
        Assert.True((await scenario.Pay("alipay", 5_000)).IsApproved);
        Assert.Equal(DeclineReason.InsufficientCredit, (await scenario.Pay("alipay", 1)).Reason);

        // A rise into the top band raises nothing and puts the issuer's whole limit back in force.
        Assert.Equal(10_000L, (await issuer.ChangeCreditScoreAsync(scenario.AccountId, 800)).CreditLimit.Amount);

        // A limit the issuer sets is in force as set: the issuer sets it knowing the score.
        Assert.Equal(20_000L, (await issuer.ChangeCreditLimitAsync(scenario.AccountId, Money.Fen(20_000))).CreditLimit.Amount);

        var alert = await SingleAlertStored(issuer, scenario.AccountId);
        Assert.Equal((Alert.CreditScoreDrop, "high", scenario.AccountId, AlertActionTaken.None), (alert.Kind, alert.Severity, alert.AccountId, alert.Action));
        Assert.True(alert.AlertId.Length <= 64);

        // Durable: a new activation reads the score and the limit back from storage, and the ledger is conserved.
        await Activations.DeactivateAll(cluster);
        var reloaded = await issuer.GetAccountAsync(scenario.AccountId);
        Assert.Equal((20_000L, 800, 5_000L), (reloaded.CreditLimit.Amount, reloaded.CreditScore, reloaded.Pending.Amount));
        await StoredLedger.AssertConserved(cluster, scenario);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_001)]
    public async Task A_score_out_of_range_is_refused_as_invalid_request_and_writes_nothing(int score)
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");
        var key = "bad-score-" + Guid.NewGuid().ToString("N");
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            scenario.Issuer.ChangeCreditScoreAsync(scenario.AccountId, score, RequestOptions.WithKey(key)));
        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
        Assert.Equal((10_000L, 720), await Line(scenario));

        // The key was not claimed: it still takes a valid score.
        Assert.Equal(5_000L, (await scenario.Issuer.ChangeCreditScoreAsync(scenario.AccountId, 500, RequestOptions.WithKey(key))).CreditLimit.Amount);
    }

    [Fact]
    public async Task An_account_opened_with_a_low_score_keeps_the_issuers_limit_until_its_score_moves_to_another_band()
    {
        var issuer = new BaiTiaoSwitchClient(fixture.Cluster.GrainFactory, TestKeys.Issuer);
        var accountId = "acct-" + Guid.NewGuid().ToString("N")[..16];
        var opened = await issuer.OpenAccountAsync(new OpenAccountRequest(accountId, new Holder("张三", "110101199003077777", "13800138000"), Money.Fen(10_001), 650));
        Assert.Equal((10_001L, 650), (opened.CreditLimit.Amount, opened.CreditScore));
        Assert.Equal(10_001L, (await issuer.ChangeCreditScoreAsync(accountId, 660)).CreditLimit.Amount);
        Assert.Equal(5_000L, (await issuer.ChangeCreditScoreAsync(accountId, 550)).CreditLimit.Amount);
        Assert.Equal(10_001L, (await issuer.ChangeCreditScoreAsync(accountId, 700)).CreditLimit.Amount);
    }

    private static async Task<(long Limit, int Score)> Line(Scenario scenario)
    {
        var account = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        return (account.CreditLimit.Amount, account.CreditScore);
    }

    /// <summary>The line's one alert, once its stream's alert store holds it (each look waits for the store's next write).</summary>
    private async Task<Alert> SingleAlertStored(BaiTiaoSwitchClient issuer, string accountId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var target = "alertstore/" + SwitchStreams.StreamKeyOf(accountId);
        while (true)
        {
            var written = ClusterFactory.Faults(fixture.Cluster).WhenStored(StorageNames.Snapshots, name => name.Contains(target, StringComparison.Ordinal));
            var alerts = await issuer.ListAlertsAsync(new AlertQuery(accountId, null, null, 10));
            if (alerts.Count > 0)
            {
                return Assert.Single(alerts);
            }

            await written.WaitAsync(deadline - DateTime.UtcNow);
        }
    }
}
