using BaiTiaoSwitch.Accounts;
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

    public async Task<IssuedCard> Issue(string accountId)
    {
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

    public Task<Card> Freeze() => Transition(CardStatus.Frozen, CardStatus.Active, CardStatus.Frozen);

    public Task<Card> Unfreeze() => Transition(CardStatus.Active, CardStatus.Active, CardStatus.Frozen);

    public Task<Card> Cancel() => Transition(CardStatus.Cancelled, CardStatus.Active, CardStatus.Frozen, CardStatus.Cancelled);

    public async Task<Card> SetLimits(SpendLimits limits)
    {
        RequireIssued();
        card.State.Limits = (limits ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'limits' is required.")).Validated("limits");
        card.State.Revision++;
        await card.WriteStateAsync();
        await PushPolicy();
        return View();
    }

    public async Task<Grant> CreateGrant(RequestContext context, GrantRequest request, bool verified)
    {
        context = context.Validated();
        RequireIssued();
        var channel = Ids.Require(request?.Channel, "channel");
        if (!options.Value.Channels.Contains(channel))
        {
            throw new InvalidRequestException(ErrorCodes.ChannelNotConfigured, $"Channel '{channel}' is not configured on this switch.");
        }

        if (!context.Caller.IsIssuer && context.Channel != channel)
        {
            throw new NotFoundException("No such card.");
        }

        if (card.State.Status != CardStatus.Active)
        {
            throw new OperationRejectedException(ErrorCodes.CardNotActive, "The card is not active; unfreeze it before binding it to a wallet.");
        }

        var grantId = DerivedIds.Grant(context.Channel + ":" + channel, CardId, context.IdempotencyKey);
        var route = new GrantRoute(grantId, card.State.AccountId, CardId, channel);
        var grant = await GrainFactory.GetGrain<IAuthorizationGrantGrain>(grantId).Create(route, card.State.Last4, request!, verified);
        if (!card.State.GrantIds.Contains(grantId))
        {
            card.State.GrantIds.Add(grantId);
            await card.WriteStateAsync();
        }

        return context.Channel == channel ? grant : grant with { WalletToken = null };
    }

    public async Task<IReadOnlyList<Grant>> ListGrants()
    {
        RequireIssued();
        var issuer = Caller.Issuer("issuer");
        var grants = await Task.WhenAll(card.State.GrantIds.Select(id => GrainFactory.GetGrain<IAuthorizationGrantGrain>(id).Get(issuer)));
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

    private async Task<Card> Transition(CardStatus target, params CardStatus[] from)
    {
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
