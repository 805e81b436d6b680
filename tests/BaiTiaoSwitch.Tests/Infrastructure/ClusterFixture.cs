using BaiTiaoSwitch.Tests.Infrastructure.Entities;
using BaiTiaoSwitch.Tests.Infrastructure.Events;
using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using BaiTiaoSwitch.Testing.Hosting;
using Orleans.TestingHost;
using Xunit;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>A real 3-silo cluster with state in Azurite, shared by one test collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        Cluster = ClusterFactory.Build(3);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

public static class ClusterFactory
{
    /// <summary>
    /// A cluster with a fresh service id unless one is given (a restart test reuses it). Its storage providers are
    /// wrapped for fault injection (off until a test starts it). With <paramref name="anySiloMayDie"/>, membership is
    /// kept in Azure storage so that any silo, the first included, can be killed.
    /// </summary>
    public static TestCluster Build(short silos, string? serviceId = null, bool anySiloMayDie = false, Action<TestClusterBuilder>? configure = null)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId ?? "bts-test-" + Guid.NewGuid().ToString("N")[..12];
        builder.Options.ClusterId = "bts-test-cluster-" + Guid.NewGuid().ToString("N")[..8];
        SwitchSiloConfigurator.EnvironmentOf(builder.Options.ServiceId);
        builder.AddSiloBuilderConfigurator<SwitchSiloConfigurator>();
        builder.AddSiloBuilderConfigurator<StorageFaultsConfigurator>();
        builder.AddSiloBuilderConfigurator<ScriptedCardNumbersConfigurator>();
        builder.AddSiloBuilderConfigurator<EventPublishingConfigurator>();
        builder.AddClientBuilderConfigurator<SwitchTestClientConfigurator>();
        if (anySiloMayDie)
        {
            builder.Options.UseTestClusterMembership = false;
            builder.AddSiloBuilderConfigurator<AzureClusteringSilo>();
            builder.AddClientBuilderConfigurator<AzureClusteringClient>();
        }

        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>The storage faults of <paramref name="cluster"/> (off until started).</summary>
    public static StorageFaults Faults(TestCluster cluster) => StorageFaults.For(cluster.Options.ServiceId);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
