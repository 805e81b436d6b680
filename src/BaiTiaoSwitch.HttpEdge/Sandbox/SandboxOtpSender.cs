using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.HttpEdge.Sandbox;

/// <summary>Sandbox mode: puts the code in the phone's outbox grain, which GET /v1/sandbox/otp reads.</summary>
public sealed class SandboxOtpSender(IGrainFactory grains, FieldProtector protector) : IOtpSender
{
    public Task SendAsync(string phone, string code, CancellationToken cancellationToken) =>
        grains.GetGrain<ISandboxOtpOutboxGrain>(protector.LookupHash(phone, Purposes.Phone)).Deliver(code);
}
