using System.Globalization;
using System.Security.Cryptography;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// A real switch cluster: TestCluster silos in this process, with the production storage wiring
/// (<c>AddBaiTiaoSwitchAzureStorage</c>: journal and entities in Azure Table, snapshots in Blob, reminders in Table) on
/// Azurite. Only the membership is TestCluster's own, and all names start with this run's prefix.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private BenchCluster(TestCluster cluster, string serviceId, bool groupCommit)
    {
        Cluster = cluster;
        ServiceId = serviceId;
        GroupCommit = groupCommit;
    }

    public TestCluster Cluster { get; }

    public string ServiceId { get; }

    public bool GroupCommit { get; }

    public IGrainFactory GrainFactory => Cluster.GrainFactory;

    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    /// <summary>The issuer's SDK client; <see cref="BaiTiaoSwitchClient.As"/> gives a wallet's. The one place the benchmark builds a client.</summary>
    public BaiTiaoSwitchClient Issuer() => new(GrainFactory, BenchCallers.Issuer);

    public static async Task<BenchCluster> Start(BenchOptions options, string namePrefix, bool groupCommit)
    {
        var serviceId = $"{namePrefix}-{(groupCommit ? "group" : "single")}";
        var builder = new TestClusterBuilder(options.Silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = serviceId + "-cluster";
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ConnectionTransport = options.Transport == "tcp" ? ConnectionTransportType.TcpSocket : ConnectionTransportType.InMemory;
        builder.Properties["Bench:GroupCommit"] = groupCommit.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in options.SwitchSettings)
        {
            builder.Properties["Bench:Switch:" + name] = value;
        }

        builder.Properties["Bench:ConnectionString"] = options.ConnectionString;
        builder.Properties["Bench:NamePrefix"] = namePrefix;
        builder.Properties["Bench:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        builder.Properties["Bench:StorageSerializer"] = options.StorageSerializer;
        builder.Properties["Bench:SnapshotOffTurn"] = options.SnapshotOffTurn.ToString(CultureInfo.InvariantCulture);
        builder.Properties["Bench:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        builder.AddSiloBuilderConfigurator<BenchSiloConfigurator>();
        builder.AddClientBuilderConfigurator<BenchClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new BenchCluster(cluster, serviceId, groupCommit);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>A silo of the real switch, configured as the silo host does, with this run's storage names and keys.</summary>
public sealed class BenchSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        var configuration = silo.Configuration;
        silo.Services.AddSingleton<ILoggerProvider>(LogTally.Provider);
        silo.Configure<SiloMessagingOptions>(messaging =>
        {
            messaging.ResponseTimeout = TimeSpan.FromSeconds(10);
            messaging.SystemResponseTimeout = TimeSpan.FromSeconds(10);
        });
        silo.AddBaiTiaoSwitchAzureStorage(storage => storage.Configure(options =>
        {
            options.ConnectionString = configuration["Bench:ConnectionString"]!;
            options.NamePrefix = configuration["Bench:NamePrefix"]!;
        }));
        var snapshotOffTurn = bool.Parse(configuration["Bench:SnapshotOffTurn"]!);
        TimedJournalTable.Decorate(silo.Services);
        TimedRequestKeyStore.Decorate(silo.Services);
        foreach (var provider in new[] { StorageNames.Snapshots, StorageNames.Entities, StorageNames.Records })
        {
            TimedGrainStorage.Decorate(silo.Services, provider, offTurn: snapshotOffTurn && provider == StorageNames.Snapshots);
        }

        TimedReminderTable.Decorate(silo.Services);

        if (configuration["Bench:StorageSerializer"] == "orleans")
        {
            silo.Services.AddOptions<AzureBlobStorageOptions>(StorageNames.Snapshots)
                .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        }

        silo.AddBaiTiaoSwitch(
            switchOptions => switchOptions.Configure(options =>
            {
                configuration.GetSection("Bench:Switch").Bind(options);

                // One write per request is group commit with a batch of one.
                options.BatchRequestsMax = bool.Parse(configuration["Bench:GroupCommit"]!) ? options.BatchRequestsMax : 1;

                // The hot line carries hundreds of thousands of holds in one run; the default cap (100,000) would
                // turn the tail of the run into risk_declined answers.
                options.OpenHoldsMax = 1_000_000;
            }),
            keys => keys.Configure(options =>
            {
                options.ActiveKeyId = "bench-1";
                options.EncryptionKeys["bench-1"] = configuration["Bench:EncryptionKey"]!;
                options.LookupKey = configuration["Bench:LookupKey"]!;
            }),
            callers => callers.Configure(options => options.Callers.AddRange(BenchCallers.All)));

        // After the switch's own registration, so it wraps the real publisher.
        MeasuredEventPublisher.Decorate(silo.Services);
    }
}

public sealed class BenchClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder client)
    {
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(10));
        client.AddOutgoingGrainCallFilter<TestHooksCallerFilter>();
    }
}
