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
        var management = SiloGrains(cluster).GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        SiloAddress? address;
        while ((address = await management.GetActivationAddress(grain)) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return address;
    }

    /// <summary>A silo's own grain factory: its calls are the cluster's (stamped), so tests may call internal methods with it.</summary>
    public static IGrainFactory SiloGrains(TestCluster cluster) => StoredLedger.SiloServices(cluster).GetRequiredService<IGrainFactory>();
}
