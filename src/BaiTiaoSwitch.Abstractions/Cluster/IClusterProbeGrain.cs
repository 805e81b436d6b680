namespace BaiTiaoSwitch.Cluster;

/// <summary>A readiness probe any verified caller may use: it answers only when a silo of the cluster does.</summary>
public interface IClusterProbeGrain : IGrainWithIntegerKey
{
    /// <summary>How many silos the cluster counts as active.</summary>
    Task<int> CountActiveSilos();
}
