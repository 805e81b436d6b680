using BaiTiaoSwitch.Callers;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>The monitor of one device, IP or merchant (key: its subject, <see cref="SignalSubjects"/>).</summary>
public interface ISignalMonitorGrain : IGrainWithStringKey
{
    /// <summary>Learns decisions of its subject and publishes its verdict to every silo's cache.</summary>
    [ClusterInternal]
    Task Observe(IReadOnlyList<SignalEntry> entries);
}
