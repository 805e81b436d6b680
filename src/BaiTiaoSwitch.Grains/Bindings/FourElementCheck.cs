using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Security;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// Checks the four elements (card number, name, identity number, phone), then card status, account status and credit
/// score. An unknown number takes the very path a known one does, against a decoy card and a decoy account derived
/// from its keyed hash: the same grain calls in the same order, the same storage reads (of rows that are not there),
/// the same keyed hashes. So a refusal costs the same whether the number exists or not, and says the same. (Loading a
/// known card's account from cold may still take longer than loading a decoy: the card grain answers a refusal no
/// sooner than <see cref="BindingOptions.RefusalTimeMin"/>. The core test <c>UnknownCardTimingTests</c> measures it.)
/// </summary>
internal sealed class FourElementCheck(IGrainFactory grains, FieldProtector protector, int minimumCreditScore)
{
    public async Task<(VerificationFailure? Failure, Card? Card)> Run(string cardKey, BindingRequest request)
    {
        var cardId = await grains.GetGrain<ICardNumberIndexGrain>(cardKey).Find();
        var cardGrain = grains.GetGrain<IVirtualCardGrain>(cardId ?? BindingKeys.DecoyCard(cardKey));
        var numberMatches = await cardGrain.HasNumber(request.CardNumber);
        if (cardId is null)
        {
            // The keyed hash a real card computes in HasNumber; an unissued card answers without it.
            _ = protector.LookupHash(request.CardNumber, Purposes.CardNumber);
        }

        var card = cardId is null ? await ReadDecoy(cardGrain, request) : await cardGrain.Get();
        var holder = await grains.GetGrain<ICreditAccountGrain>(card?.AccountId ?? BindingKeys.DecoyAccount(cardKey)).CheckHolder(request.Holder);
        if (!holder.Opened)
        {
            // The three keyed hashes an open account computes to compare the holder; an unopened one answers without them.
            _ = protector.LookupHash(HolderRecord.NormalizeName(request.Holder.Name), Purposes.HolderName);
            _ = protector.LookupHash(HolderRecord.NormalizeIdNumber(request.Holder.IdNumber), Purposes.IdNumber);
            _ = protector.LookupHash(HolderRecord.NormalizePhone(request.Holder.Phone), Purposes.Phone);
        }

        if (card is null || !numberMatches)
        {
            return (VerificationFailure.UnknownCard, null);
        }

        VerificationFailure? failure = !holder.Opened || !holder.HolderMatches ? VerificationFailure.HolderMismatch
            : card.Status != CardStatus.Active ? VerificationFailure.CardNotActive
            : holder.Status != AccountStatus.Active ? VerificationFailure.AccountNotActive
            : holder.CreditScore < minimumCreditScore ? VerificationFailure.CreditScoreTooLow
            : null;
        return (failure, card);
    }

    /// <summary>
    /// The decoy's second call, where a known card is read. Not <c>Get</c>: on a card never issued it would throw, and an
    /// exception crossing the cluster costs far more than an answer. A small answer from the same grain costs the same.
    /// </summary>
    private static async Task<Card?> ReadDecoy(IVirtualCardGrain decoy, BindingRequest request)
    {
        _ = await decoy.HasNumber(request.CardNumber);
        return null;
    }
}
