namespace BaiTiaoSwitch.Callers;

/// <summary>
/// The channels that may call the cluster (configuration section <c>BaiTiaoSwitch:Callers</c>): each one's role and
/// cluster key, the same key its SDK signs with. Keys come from a secret store; local-development keys (prefixed
/// <c>local-dev-</c>) are refused outside the Development environment.
/// </summary>
public sealed class CallerOptions
{
    public List<CallerCredential> Callers { get; set; } = [];
}
