using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace BaiTiaoSwitch.Tests.Guarantees;

[CollectionDefinition(Name)]
public sealed class OwnClusterCollection
{
    public const string Name = "own-cluster";
}

/// <summary>Guarantee 4 (acknowledged means durable) across a silo crash, a full restart and split brain.</summary>
[Collection(OwnClusterCollection.Name)]
public sealed class DurabilityTests
{
    public DurabilityTests() => Azurite.EnsureRunning();

    [Fact]
    public async Task Killing_a_silo_during_load_loses_no_acknowledged_approval_and_approves_nothing_twice()
    {
        var cluster = ClusterFactory.Build(3);
        await cluster.DeployAsync();
        try
        {
            const long limit = 60_000;
            var scenario = await Scenario.Create(cluster.GrainFactory, limit, "alipay", "wechatpay");
            var keys = Enumerable.Range(0, 1_200).Select(i => $"crash-{i}").ToArray();
            var load = keys.Select((key, i) => Task.Run(async () =>
            {
                try
                {
                    return (key, result: await scenario.Pay(i % 2 == 0 ? "alipay" : "wechatpay", 100, key));
                }
                catch (Exception)
                {
                    return (key, result: (Authorization?)null);
                }
            })).ToArray();

            await Task.Delay(200);
            await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
            var outcomes = await Task.WhenAll(load);

            // Every unacknowledged request is resolved by retrying it with its own key.
            var retried = await Task.WhenAll(outcomes.Where(outcome => outcome.result is null).Select((outcome, i) =>
                scenario.Pay(int.Parse(outcome.key[6..]) % 2 == 0 ? "alipay" : "wechatpay", 100, outcome.key)));
            var acknowledged = outcomes.Where(outcome => outcome.result is not null).Select(outcome => outcome.result!).Concat(retried).ToList();
            var approved = acknowledged.Where(result => result.Decision == Decision.Approved).ToList();

            var stored = await StoredLedger.LoadBook(cluster, scenario.AccountId);
            StoredLedger.AssertConserved(stored);
            Assert.All(approved, result => Assert.True(stored.Authorizations[result.AuthorizationId].IsApproved));
            var storedApprovals = stored.Authorizations.Values.Where(record => record.IsApproved).ToList();
            Assert.Equal(approved.Count, storedApprovals.Count);
            Assert.Equal(limit / 100, storedApprovals.Count);
            Assert.True(stored.Header.Pending <= limit);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task State_survives_a_full_cluster_restart_with_the_same_service_id()
    {
        var serviceId = "bts-restart-" + Guid.NewGuid().ToString("N")[..8];
        var first = ClusterFactory.Build(2, serviceId);
        await first.DeployAsync();
        Scenario scenario;
        Authorization open;
        Capture capture;
        try
        {
            scenario = await Scenario.Create(first.GrainFactory, 10_000, "alipay");
            open = await scenario.Pay("alipay", 2_000, "restart-1");
            var captured = await scenario.Pay("alipay", 3_000, "restart-2");
            capture = await scenario.Wallet("alipay").CaptureAsync(captured.AuthorizationId, Money.Fen(3_000), final: true);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = ClusterFactory.Build(2, serviceId);
        await second.DeployAsync();
        try
        {
            var issuer = new BaiTiaoSwitchClient(second.GrainFactory, TestKeys.Issuer);
            var wallet = issuer.As(TestKeys.Alipay);
            var account = await issuer.GetAccountAsync(scenario.AccountId);
            Assert.Equal(2_000, account.Pending.Amount);
            Assert.Equal(3_000, account.Posted.Amount);
            Assert.Equal(AuthorizationStatus.Pending, (await wallet.GetAuthorizationAsync(open.AuthorizationId)).Status);
            var replay = await wallet.AuthorizeAsync(new AuthorizeRequest(scenario.Grants["alipay"].GrantId, null, Money.Fen(2_000), Scenario.Shop), RequestOptions.WithKey("restart-1"));
            Assert.Equal(open.AuthorizationId, replay.AuthorizationId);
            await wallet.RefundAsync(capture.CaptureId, Money.Fen(1_000));
            Assert.Equal(2_000, (await issuer.GetAccountAsync(scenario.AccountId)).Posted.Amount);
            Assert.Equal(scenario.CardNumber[^4..], (await issuer.GetCardAsync(scenario.CardId)).Last4);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_writer_of_the_same_journal_version_is_refused()
    {
        var cluster = ClusterFactory.Build(1);
        await cluster.DeployAsync();
        try
        {
            var services = StoredLedger.SiloServices(cluster);
            var accountId = "split-" + Guid.NewGuid().ToString("N")[..8];
            var winner = new AccountJournal(accountId, services);
            var loser = new AccountJournal(accountId, services);
            var book = new AccountBook(accountId, new SwitchOptions());

            await winner.Append(new AccountImage { Version = 1, Header = book.Header });

            await Assert.ThrowsAnyAsync<Exception>(() => loser.Append(new AccountImage { Version = 1, Header = book.Header }));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
