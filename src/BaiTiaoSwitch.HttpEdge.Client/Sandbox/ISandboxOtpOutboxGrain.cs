namespace BaiTiaoSwitch.HttpEdge.Sandbox;

/// <summary>Sandbox mode only: the last one-time code sent to one phone, keyed by the keyed hash of the phone.</summary>
public interface ISandboxOtpOutboxGrain : IGrainWithStringKey
{
    [ClusterInternal]
    Task Deliver(string code);

    [ClusterInternal]
    [Orleans.Concurrency.ReadOnly]
    Task<string?> Last();
}
