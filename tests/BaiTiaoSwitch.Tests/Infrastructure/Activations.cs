using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

public static class Activations
{
    /// <summary>
    /// Deactivates every idle grain in the cluster, so the next call loads state from storage. Orleans' management grain
    /// takes the issuer or the cluster itself: the test asks through a silo's own services, as the cluster.
    /// </summary>
    public static Task DeactivateAll(TestCluster cluster) =>
        SiloGrains(cluster).GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    /// <summary>Where the grain is active, once a deactivation it asked for has run (null: nowhere); waits up to 10 s for it.</summary>
    public static async Task<SiloAddress?> WhereActiveAfterIdle(TestCluster cluster, IAddressable grain)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        SiloAddress? address;
        while ((address = await WhereActive(cluster, grain)) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return address;
    }

    /// <summary>The silo that holds the grain's activation now (null: none).</summary>
    /// <remarks>
    /// It asks the silos which activations they hold, not where the grain is located: the management grain's location
    /// answers from its silo's directory cache first, and that cache keeps the address of an activation that has left
    /// until a call finds it stale. Tests failed now and then on such a stale address: an activation that had left
    /// seemed to stay, and a kill aimed at a line's host hit another silo.
    /// </remarks>
    public static async Task<SiloAddress?> WhereActive(TestCluster cluster, IAddressable grain)
    {
        var grainId = grain.GetGrainId();
        var activations = await SiloGrains(cluster).GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return activations.FirstOrDefault(activation => activation.GrainId == grainId)?.SiloAddress;
    }

    /// <summary>A silo's own grain factory: its calls are the cluster's (stamped), so tests may call internal methods with it.</summary>
    public static IGrainFactory SiloGrains(TestCluster cluster) => StoredLedger.SiloServices(cluster).GetRequiredService<IGrainFactory>();
}
