using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Cards;

/// <summary>
/// A virtual card. Its number is encrypted at rest (AES-GCM, key id kept for rotation) and found through a keyed-hash
/// index. Every status or limit change is written to the account's policy copy before it is acknowledged.
/// </summary>
public sealed class VirtualCardGrain(
    [PersistentState("card", StorageNames.Entities)] IPersistentState<CardState> card,
    IOptions<SwitchOptions> options,
    FieldProtector protector,
    TimeProvider clock) : Grain, IVirtualCardGrain
{
    private string CardId => this.GetPrimaryKeyString();

    public async Task<IssuedCard> Issue(string idempotencyKey, string accountId)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        Ids.Require(accountId, "accountId");
        if (card.State.IsIssued)
        {
            if (card.State.AccountId != accountId)
            {
                throw new IdempotencyKeyReusedException("This idempotency key already issued a card on another account; use a new key.");
            }
        }
        else
        {
            var account = await GrainFactory.GetGrain<ICreditAccountGrain>(accountId).GetSnapshot();
            if (account.Status == AccountStatus.Closed)
            {
                throw new OperationRejectedException(ErrorCodes.AccountNotActive, "The account is closed; cards can only be issued on an open account.");
            }

            await IssueNumber(accountId);
        }

        // Safe to repeat: a retry after a crash between these steps completes them.
        await GrainFactory.GetGrain<ICardNumberIndexGrain>(card.State.NumberHash).Register(CardId);
        await PushPolicy();
        return new IssuedCard(View(), protector.Unprotect(card.State.Number!, Purposes.CardNumber));
    }

    public Task<Card> Get() => Task.FromResult(View());

    // The lifecycle keys are accepted now and recorded by the per-channel key store of issue 6, section 3.
    public Task<Card> Freeze(string idempotencyKey) => Transition(idempotencyKey, CardStatus.Frozen, CardStatus.Active, CardStatus.Frozen);

    public Task<Card> Unfreeze(string idempotencyKey) => Transition(idempotencyKey, CardStatus.Active, CardStatus.Active, CardStatus.Frozen);

    public Task<Card> Cancel(string idempotencyKey) => Transition(idempotencyKey, CardStatus.Cancelled, CardStatus.Active, CardStatus.Frozen, CardStatus.Cancelled);

    public async Task<Card> SetLimits(string idempotencyKey, SpendLimits limits)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        RequireIssued();
        card.State.Limits = (limits ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'limits' is required.")).Validated("limits");
        card.State.Revision++;
        await card.WriteStateAsync();
        await PushPolicy();
        return View();
    }

    public Task<Grant> CreateGrant(string idempotencyKey, GrantRequest request) =>
        MakeGrant(CurrentCaller.Require().Channel, idempotencyKey, request, verified: true);

    public Task<Grant> CreatePendingGrant(string idempotencyKey, string channel) =>
        MakeGrant(Ids.Require(channel, "channel"), idempotencyKey, new GrantRequest(channel), verified: false);

    public async Task<IReadOnlyList<Grant>> ListGrants()
    {
        RequireIssued();
        var grants = await Task.WhenAll(card.State.GrantIds.Select(id => GrainFactory.GetGrain<IAuthorizationGrantGrain>(id).Get()));
        return grants.Select(grant => grant with { WalletToken = null }).ToArray();
    }

    public Task<bool> HasNumber(string cardNumber)
    {
        if (!card.State.IsIssued || string.IsNullOrEmpty(cardNumber))
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(FieldProtector.HashesEqual(card.State.NumberHash, protector.LookupHash(cardNumber, Purposes.CardNumber)));
    }

    private async Task IssueNumber(string accountId)
    {
        var now = clock.GetUtcNow();
        var expiry = now.ToOffset(options.Value.LimitWindowUtcOffset).AddMonths(options.Value.CardValidityMonths);
        for (var attempt = 0; ; attempt++)
        {
            var number = CardNumbers.Generate(options.Value.CardBin);
            var hash = protector.LookupHash(number, Purposes.CardNumber);
            var owner = await GrainFactory.GetGrain<ICardNumberIndexGrain>(hash).Find();
            if (owner is not null && attempt < 8)
            {
                continue;
            }

            card.State = new CardState
            {
                AccountId = accountId,
                Number = protector.Protect(number, Purposes.CardNumber),
                NumberHash = hash,
                Last4 = number[^4..],
                Expiry = $"{expiry.Month:D2}/{expiry.Year % 100:D2}",
                Status = CardStatus.Active,
                Revision = 1,
                CreatedAt = now,
            };
            await card.WriteStateAsync();
            return;
        }
    }

    /// <summary>
    /// Makes a grant of this card for <paramref name="request"/>'s channel. Its id derives from the requesting channel,
    /// the card and the key, so the same request again lands on the same grant.
    /// </summary>
    private async Task<Grant> MakeGrant(string requesterChannel, string idempotencyKey, GrantRequest request, bool verified)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        RequireIssued();
        var channel = Ids.Require(request?.Channel, "channel");
        if (!options.Value.Channels.Contains(channel))
        {
            throw new InvalidRequestException(ErrorCodes.ChannelNotConfigured, $"Channel '{channel}' is not configured on this switch.");
        }

        if (card.State.Status != CardStatus.Active)
        {
            throw new OperationRejectedException(ErrorCodes.CardNotActive, "The card is not active; unfreeze it before binding it to a wallet.");
        }

        var grantId = DerivedIds.Grant(requesterChannel + ":" + channel, CardId, idempotencyKey);
        var route = new GrantRoute(grantId, card.State.AccountId, CardId, channel);
        var grant = await GrainFactory.GetGrain<IAuthorizationGrantGrain>(grantId).Create(route, card.State.Last4, request!, verified);
        if (!card.State.GrantIds.Contains(grantId))
        {
            card.State.GrantIds.Add(grantId);
            await card.WriteStateAsync();
        }

        // The wallet token is shown only to the channel that owns the grant.
        return requesterChannel == channel ? grant : grant with { WalletToken = null };
    }

    private async Task<Card> Transition(string idempotencyKey, CardStatus target, params CardStatus[] from)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        RequireIssued();
        if (!from.Contains(card.State.Status))
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, $"A {card.State.Status.ToString().ToLowerInvariant()} card cannot become {target.ToString().ToLowerInvariant()}.");
        }

        if (card.State.Status != target)
        {
            card.State.Status = target;
            card.State.Revision++;
            await card.WriteStateAsync();
        }

        // Acknowledged only after the account's copy says so: a payment decided after this cannot miss the change.
        await PushPolicy();
        return View();
    }

    private Task PushPolicy() =>
        GrainFactory.GetGrain<ICreditAccountGrain>(card.State.AccountId).UpsertCardPolicy(new CardPolicy(CardId, card.State.Status, card.State.Limits, card.State.Revision));

    private void RequireIssued()
    {
        if (!card.State.IsIssued)
        {
            throw new NotFoundException("No such card.");
        }
    }

    private Card View()
    {
        RequireIssued();
        return new Card(CardId, card.State.AccountId, card.State.Last4, card.State.Expiry, card.State.Status, card.State.Limits, card.State.CreatedAt);
    }
}
