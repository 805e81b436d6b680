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

    /// <summary>A silo's own grain factory: its calls are the cluster's (stamped), so tests may call internal methods with it.</summary>
    public static IGrainFactory SiloGrains(TestCluster cluster) => StoredLedger.SiloServices(cluster).GetRequiredService<IGrainFactory>();
}
