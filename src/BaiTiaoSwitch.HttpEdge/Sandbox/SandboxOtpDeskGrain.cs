using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Security;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace BaiTiaoSwitch.HttpEdge.Sandbox;

/// <summary>Hashes the phone in the silo, where the look-up key is, and reads its outbox. Answers nothing unless the silos run the sandbox outbox.</summary>
[StatelessWorker]
public sealed class SandboxOtpDeskGrain(FieldProtector protector, IServiceProvider services) : Grain, ISandboxOtpDeskGrain
{
    public Task<string?> LastOtp(string phone)
    {
        if (services.GetService<SandboxOtpSender>() is null || string.IsNullOrEmpty(phone))
        {
            return Task.FromResult<string?>(null);
        }

        var digits = HolderRecord.NormalizePhone(phone);
        return digits.Length == 0
            ? Task.FromResult<string?>(null)
            : GrainFactory.GetGrain<ISandboxOtpOutboxGrain>(protector.LookupHash(digits, Purposes.Phone)).Last();
    }
}
