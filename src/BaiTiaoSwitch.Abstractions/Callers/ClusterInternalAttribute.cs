namespace BaiTiaoSwitch;

/// <summary>
/// Only the cluster calls this method (policy copies, holder checks, index writes, sweeps, archive, raw commands):
/// a call from any client, whatever its role, is refused as forbidden.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ClusterInternalAttribute : Attribute;
