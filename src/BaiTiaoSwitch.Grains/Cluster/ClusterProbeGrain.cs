using Orleans.Concurrency;

namespace BaiTiaoSwitch.Cluster;

/// <summary>
/// A stateless worker in every silo. It asks Orleans' management grain, which only the issuer or the cluster itself
/// may call, so that a wallet's gateway can check readiness without any right to manage the cluster.
/// </summary>
[StatelessWorker]
public sealed class ClusterProbeGrain : Grain, IClusterProbeGrain
{
    public async Task<int> CountActiveSilos() => (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;
}
