using Orleans.Runtime;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

public static class Activations
{
    /// <summary>Deactivates every idle grain in the cluster, so the next call loads state from storage.</summary>
    public static Task DeactivateAll(TestCluster cluster) =>
        cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
}
