using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Security;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace BaiTiaoSwitch.Bindings;

/// <summary>Turns the card number and phone into keyed hashes in the silo, where the keys are, and routes on them.</summary>
[StatelessWorker]
public sealed class BindingDeskGrain(FieldProtector protector, IOptions<BindingOptions> options) : Grain, IBindingDeskGrain
{
    public Task<Grant> Start(RequestContext context, BindingRequest request)
    {
        context.Validated();
        request.Validated();
        var cardKey = protector.LookupHash(request.CardNumber, Purposes.CardNumber);
        return GrainFactory.GetGrain<ICardBindingGrain>(cardKey).Start(context, request);
    }

    public Task<string?> SandboxLastOtp(string phone)
    {
        if (!options.Value.Sandbox || string.IsNullOrEmpty(phone))
        {
            return Task.FromResult<string?>(null);
        }

        var digits = HolderRecord.NormalizePhone(phone);
        return digits.Length == 0
            ? Task.FromResult<string?>(null)
            : GrainFactory.GetGrain<ISandboxOtpInboxGrain>(protector.LookupHash(digits, Purposes.Phone)).Last();
    }
}
