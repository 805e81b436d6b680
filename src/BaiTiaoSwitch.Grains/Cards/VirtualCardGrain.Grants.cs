using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.RequestKeys;

namespace BaiTiaoSwitch.Cards;

// The card's grants: making them (directly by the issuer, or pending by binding), retiring ended ones, listing them.
public sealed partial class VirtualCardGrain
{
    public Task<Grant> CreateGrant(string idempotencyKey, GrantRequest request) =>
        MakeGrant(CurrentCaller.Require().Channel, idempotencyKey, request, verified: true);

    public Task<Grant> CreatePendingGrant(string idempotencyKey, string channel) =>
        MakeGrant(Ids.Require(channel, "channel"), idempotencyKey, new GrantRequest(channel), verified: false);

    /// <summary>Live grants first, then the most recently ended ones (see <see cref="CardGrantList"/>); never a wallet token.</summary>
    public async Task<IReadOnlyList<Grant>> ListGrants()
    {
        RequireIssued();
        var grants = await Task.WhenAll(CardGrantList.Listed(State).Select(id => GrainFactory.GetGrain<IAuthorizationGrantGrain>(id).Get()));
        return grants.Select(grant => grant with { WalletToken = null }).ToArray();
    }

    /// <summary>
    /// Makes a grant of this card for <paramref name="request"/>'s channel. Its id derives from the requesting channel,
    /// the card and the key, so the same request again lands on the same grant; a direct grant's key is claimed for
    /// that grant first (a binding's key is its binding's). The grant is made before the card lists it, so every id
    /// the card lists names a grant that exists.
    /// </summary>
    private async Task<Grant> MakeGrant(string requesterChannel, string idempotencyKey, GrantRequest request, bool verified)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        RequireIssued();
        var channel = Ids.Require(request?.Channel, "channel");
        GrantLifecycle.Validated(request!);
        if (!options.Channels.Contains(channel))
        {
            throw new InvalidRequestException(ErrorCodes.ChannelNotConfigured, $"Channel '{channel}' is not configured on this switch.");
        }

        var grantId = DerivedIds.Grant(requesterChannel + ":" + channel, CardId, idempotencyKey);
        var claim = await keys.Claim(idempotencyKey, "grant/" + grantId, GrantLifecycle.FingerprintOf(request!));
        if (State.Status != CardStatus.Active)
        {
            throw new OperationRejectedException(ErrorCodes.CardNotActive, "The card is not active; unfreeze it before binding it to a wallet.");
        }

        var known = CardGrantList.Knows(State, grantId);
        if (!known)
        {
            await MakeRoom();
        }

        var route = new GrantRoute(grantId, State.AccountId, CardId, channel);
        var isNew = !known && claim?.Outcome == KeyClaimOutcome.Claimed;
        var grant = await GrainFactory.GetGrain<IAuthorizationGrantGrain>(grantId).Create(route, State.Last4, request!, verified, isNew);
        if (!known)
        {
            var staged = copier.Copy(State);
            staged.GrantIds.Add(grantId);
            await card.Write(staged);
        }

        // Once bound, a card is called rarely (management calls; payments go to the account, which decides on its own
        // policy copy). Kept activated it would cost every idle line memory for nothing; the next call reads it back.
        DeactivateOnIdle();

        // The wallet token is shown only to the channel that owns the grant.
        return requesterChannel == channel ? grant : grant with { WalletToken = null };
    }

    /// <summary>Retires the ended grants of the hot list to the history, then refuses a new grant if the live ones fill it.</summary>
    private async Task MakeRoom()
    {
        var hot = State.GrantIds.ToArray();
        var statuses = await Task.WhenAll(hot.Select(id => GrainFactory.GetGrain<IAuthorizationGrantGrain>(id).GetStatus()));
        var ended = hot.Where((_, i) => GrantLifecycle.IsEnded(statuses[i])).ToArray();
        if (ended.Length > 0)
        {
            var staged = copier.Copy(State);
            CardGrantList.Retire(staged, ended, options.CardEndedGrantsMax);
            await card.Write(staged);
        }

        if (State.GrantIds.Count >= options.CardGrantsMax)
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition,
                $"The card carries {options.CardGrantsMax} live grants, the most it may (CardGrantsMax); revoke one before making another.");
        }
    }
}
