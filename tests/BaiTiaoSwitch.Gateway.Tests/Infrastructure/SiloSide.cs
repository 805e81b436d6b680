using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>What a test reaches from inside the cluster: a silo's own grain factory (its calls are the cluster's) and its storage.</summary>
public static class SiloSide
{
    public static IServiceProvider Services(TestCluster cluster) => ((InProcessSiloHandle)cluster.GetActiveSilos().First()).SiloHost.Services;

    public static IGrainFactory Grains(TestCluster cluster) => Services(cluster).GetRequiredService<IGrainFactory>();

    /// <summary>Drops every idle activation in the cluster, as a silo's restart or a move would: the next call starts afresh.</summary>
    public static Task DeactivateAll(TestCluster cluster) => Grains(cluster).GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    /// <summary>True when the stored row of <paramref name="grainId"/>'s state <paramref name="stateName"/> exists in the entities store.</summary>
    public static async Task<bool> RowExists<TState>(TestCluster cluster, string stateName, GrainId grainId)
        where TState : new()
    {
        var storage = Services(cluster).GetRequiredKeyedService<IGrainStorage>(BaiTiaoSwitch.Storage.StorageNames.Entities);
        var state = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grainId, state);
        return state.RecordExists;
    }
}
