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

/// <summary>Guarantee 4 (acknowledged means durable) across a full restart and split brain; a crash is in <see cref="HostCrashTests"/>.</summary>
[Collection(OwnClusterCollection.Name)]
public sealed class DurabilityTests
{
    public DurabilityTests() => Azurite.EnsureRunning();

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
            var options = new SwitchOptions();
            var winner = new AccountStore(accountId, services, options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            var loser = new AccountStore(accountId, services, options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            var book = new AccountBook(accountId, options);

            await winner.Write(new AccountImage { Version = 1, Header = book.Header }, null);

            await Assert.ThrowsAnyAsync<Exception>(() => loser.Write(new AccountImage { Version = 1, Header = book.Header }, null));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
