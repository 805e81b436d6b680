namespace BaiTiaoSwitch.Bindings;

/// <summary>Sandbox mode only: the last one-time code sent to one phone, keyed by the keyed hash of the phone.</summary>
public interface ISandboxOtpInboxGrain : IGrainWithStringKey
{
    Task Deliver(string code);

    [Orleans.Concurrency.ReadOnly]
    Task<string?> Last();
}
