using Orleans.TestingHost;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>
/// A real 2-silo cluster on Azurite, a sandbox gateway and a production gateway joined to it, and signed clients
/// for each channel. At the end of the run, every captured log line is scanned for sensitive values.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public GatewayFactory Sandbox { get; private set; } = null!;

    public GatewayFactory Production { get; private set; } = null!;

    public SignedClient Alipay { get; private set; } = null!;

    public SignedClient Wechat { get; private set; } = null!;

    public SignedClient Issuer { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        var builder = new TestClusterBuilder(2);
        builder.Options.ServiceId = "bts-gw-" + Guid.NewGuid().ToString("N")[..12];
        builder.Options.ClusterId = "bts-gw-cluster-" + Guid.NewGuid().ToString("N")[..8];
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        GatewaySiloConfigurator.EnvironmentOf(builder.Options.ServiceId);
        builder.AddSiloBuilderConfigurator<GatewaySiloConfigurator>();
        builder.AddClientBuilderConfigurator<GatewayClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Sandbox = new GatewayFactory(builder.Options.ServiceId, builder.Options.ClusterId, "Sandbox");
        Production = new GatewayFactory(builder.Options.ServiceId, builder.Options.ClusterId, "Production");
        Http = Sandbox.CreateClient();
        Alipay = Client(Http, "alipay");
        Wechat = Client(Http, "wechatpay");
        Issuer = Client(Http, "issuer");
    }

    public static SignedClient Client(HttpClient http, string channel) =>
        new(http, channel, TestSecrets.Channels[channel].Secret, () => TestClock.Instance.GetUtcNow());

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Sandbox.DisposeAsync();
        await Production.DisposeAsync();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();

        // The end-of-run log scan: it fails the run if any sensitive value reached a log line.
        SensitiveValues.AssertAbsentFrom(CapturedLogs.Instance.Lines);
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
