using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Testing.Hosting;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;
using Xunit;

namespace BaiTiaoSwitch.Tests.Tls;

/// <summary>Transport: with a certificate, silos talk TLS to each other and to clients, and a plaintext client gets nowhere.</summary>
public sealed class TlsClusterTests
{
    private const string MembershipTable = "btscluster";

    [Fact]
    public async Task A_tls_cluster_accepts_a_tls_client_and_refuses_a_plaintext_one()
    {
        Azurite.EnsureRunning();
        var builder = new TestClusterBuilder(2);
        builder.Options.ServiceId = "bts-tls-" + Guid.NewGuid().ToString("N")[..12];
        builder.Options.ClusterId = "bts-tls-cluster-" + Guid.NewGuid().ToString("N")[..8];
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.AddSiloBuilderConfigurator<TlsSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TlsTestClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            using var tlsClient = Sdk(builder.Options, tls: true);
            await tlsClient.StartAsync();
            Assert.Equal(2, await tlsClient.Services.GetRequiredService<BaiTiaoSwitchClient>().CountActiveSilosAsync());
            await tlsClient.StopAsync();

            // A TLS gateway port never completes Orleans' handshake with a plaintext client: it never connects. (Giving up
            // takes Orleans minutes; a plaintext cluster would have let it in within the first second.)
            using var plaintextClient = Sdk(builder.Options, tls: false);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(8));
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => plaintextClient.StartAsync(patience.Token));
            Assert.True(refused is OperationCanceledException or Orleans.Runtime.Messaging.ConnectionFailedException, refused.ToString());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>A .NET gateway's SDK joining the cluster through its membership table, with or without TLS.</summary>
    private static IHost Sdk(TestClusterOptions cluster, bool tls)
    {
        // Only Development lets the SDK start without TLS: the plaintext client has to be one to get as far as trying.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = tls ? Environments.Production : Environments.Development });
        builder.Services.AddBaiTiaoSwitchClient(options => options.Configure(client =>
        {
            client.Channel = TestKeys.Alipay.Channel;
            client.Key = TestKeys.Alipay.Key;
            client.StorageConnectionString = Azurite.ConnectionString;
            client.ClusterId = cluster.ClusterId;
            client.ServiceId = cluster.ServiceId;
            client.ResponseTimeout = TimeSpan.FromSeconds(20);
            client.Tls.Enabled = tls;
            client.Tls.TargetHost = TestCertificate.TargetHost;
            client.Tls.CertificatePath = TestCertificate.Path;
            client.Tls.CertificatePassword = TestCertificate.Password;
        }));
        return builder.Build();
    }

    private sealed class TlsSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            new SwitchSiloConfigurator().Configure(silo);
            silo.UseTlsMembership(MembershipTable);
        }
    }

    private sealed class TlsTestClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client)
        {
            new SwitchTestClientConfigurator().Configure(configuration, client);
            client.UseTlsMembership(MembershipTable);
        }
    }
}
