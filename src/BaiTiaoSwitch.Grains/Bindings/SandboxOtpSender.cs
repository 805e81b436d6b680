using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Bindings;

/// <summary>Sandbox mode: puts the code in the phone's outbox grain, which GET /v1/sandbox/otp reads.</summary>
public sealed class SandboxOtpSender(IGrainFactory grains, FieldProtector protector) : IOtpSender
{
    public Task SendAsync(string phone, string code, CancellationToken cancellationToken) =>
        grains.GetGrain<ISandboxOtpInboxGrain>(protector.LookupHash(phone, Purposes.Phone)).Deliver(code);
}
