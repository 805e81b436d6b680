using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Security;
using Orleans.Concurrency;

namespace BaiTiaoSwitch.Bindings;

/// <summary>Turns the card number into a keyed hash in the silo, where the keys are, and routes on it for the calling wallet.</summary>
[StatelessWorker]
public sealed class BindingDeskGrain(FieldProtector protector) : Grain, IBindingDeskGrain
{
    public Task<Grant> Start(string idempotencyKey, BindingRequest request)
    {
        var channel = CurrentCaller.Require().Channel;
        Ids.Require(idempotencyKey, "idempotencyKey");
        (request ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "A binding request is required.")).Validated();
        var cardKey = protector.LookupHash(request.CardNumber, Purposes.CardNumber);
        return GrainFactory.GetGrain<ICardBindingGrain>(cardKey).Start(idempotencyKey, channel, request);
    }
}
