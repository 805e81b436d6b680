using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Lifecycle;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace BaiTiaoSwitch.Cards;

/// <summary>
/// A virtual card. Its number is encrypted at rest (AES-GCM, key id kept for rotation) and found through a keyed-hash
/// index, which decides its uniqueness. Durable before visible: a change is computed on a copy, written, then shown
/// (<see cref="DurableState{TState}"/>). A status or limits change is acknowledged only once the account's policy copy
/// holds it too; a retry of a change whose push failed pushes again.
/// </summary>
public sealed partial class VirtualCardGrain : Grain, IVirtualCardGrain, IIncomingGrainCallFilter
{
    private static readonly CardStatus[] FreezableFrom = [CardStatus.Active, CardStatus.Frozen];
    private static readonly CardStatus[] CancellableFrom = [CardStatus.Active, CardStatus.Frozen, CardStatus.Cancelled];

    private readonly DeferredState<CardState> stored;
    private readonly DurableState<CardState> card;
    private readonly DeepCopier<CardState> copier;
    private readonly LifecycleKeys keys;
    private readonly ICardNumberSource numbers;
    private readonly SwitchOptions options;
    private readonly FieldProtector protector;
    private readonly TimeProvider clock;

    /// <summary>The newest revision the account's policy copy is known to hold; unknown after activation, so it is pushed again.</summary>
    private long policyRevision = -1;

    public VirtualCardGrain(
        DeepCopier<CardState> copier,
        IRequestKeyStore keyStore,
        ICardNumberSource numbers,
        IOptions<SwitchOptions> options,
        FieldProtector protector,
        TimeProvider clock,
        ILogger<VirtualCardGrain> logger)
    {
        stored = new DeferredState<CardState>(GrainContext.ActivationServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Records), "card", GrainContext.GrainId);
        card = new DurableState<CardState>(stored, GrainContext, logger);
        keys = new LifecycleKeys(keyStore, Owner);
        this.copier = copier;
        this.numbers = numbers;
        this.options = options.Value;
        this.protector = protector;
        this.clock = clock;
    }

    private string CardId => this.GetPrimaryKeyString();

    private string Owner => "card/" + CardId;

    private CardState State => card.Current;

    /// <summary>Every call but <see cref="Issue"/> reads the card first; the issue reads it only when it may exist.</summary>
    public Task Invoke(IIncomingGrainCallContext context) => stored.LoadBefore(context, nameof(Issue));

    public async Task<IssuedCard> Issue(string idempotencyKey, string accountId)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        Ids.Require(accountId, "accountId");

        // The card's id derives from the key: the same key on another account names another card, whose claim is refused.
        // A key claimed for the first time names a card nobody has written, so it is not read.
        var claim = await keys.Claim(idempotencyKey, Owner, LifecycleAnswer.FingerprintOf("card.issue", accountId));
        await stored.LoadUnlessNew(isNew: claim?.Outcome == KeyClaimOutcome.Claimed);
        if (State.IsIssued && State.AccountId != accountId)
        {
            throw new IdempotencyKeyReusedException("This idempotency key already issued a card on another account; use a new key.");
        }

        if (!State.IsIssued)
        {
            var account = await GrainFactory.GetGrain<ICreditAccountGrain>(accountId).GetSnapshot();
            if (account.Status == AccountStatus.Closed)
            {
                throw new OperationRejectedException(ErrorCodes.AccountNotActive, "The account is closed; cards can only be issued on an open account.");
            }

            var (number, hash) = await CardNumberDraws.Draw(GrainFactory, protector, numbers, options.CardBin, CardId);
            var now = clock.GetUtcNow();
            var expiry = now.ToOffset(options.LimitWindowUtcOffset).AddMonths(options.CardValidityMonths);
            await card.Write(new CardState
            {
                AccountId = accountId,
                Number = protector.Protect(number, Purposes.CardNumber),
                NumberHash = hash,
                Last4 = number[^4..],
                Expiry = $"{expiry.Month:D2}/{expiry.Year % 100:D2}",
                Status = CardStatus.Active,
                Revision = 1,
                CreatedAt = now,
            });
        }

        // Repeated on a replay, so a retry after a failed push completes it.
        var issued = State;
        await PushPolicy(issued);
        return new IssuedCard(View(issued, issued.Status, issued.Limits), protector.Unprotect(issued.Number!, Purposes.CardNumber));
    }

    public async Task<Card> Get()
    {
        RequireIssued();
        var shown = State;
        await PushPolicy(shown);
        return View(shown, shown.Status, shown.Limits);
    }

    public Task<Card> Freeze(string idempotencyKey) => Change(idempotencyKey, "card.freeze", staged => Move(staged, CardStatus.Frozen, FreezableFrom));

    public Task<Card> Unfreeze(string idempotencyKey) => Change(idempotencyKey, "card.unfreeze", staged => Move(staged, CardStatus.Active, FreezableFrom));

    public Task<Card> Cancel(string idempotencyKey) => Change(idempotencyKey, "card.cancel", staged => Move(staged, CardStatus.Cancelled, CancellableFrom));

    public Task<Card> SetLimits(string idempotencyKey, SpendLimits limits)
    {
        var validated = (limits ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'limits' is required.")).Validated("limits");
        return Change(idempotencyKey, LifecycleAnswer.FingerprintOf("card.limits", validated), staged => staged.Limits = validated);
    }

    public Task<bool> HasNumber(string cardNumber)
    {
        if (!State.IsIssued || string.IsNullOrEmpty(cardNumber))
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(FieldProtector.HashesEqual(State.NumberHash, protector.LookupHash(cardNumber, Purposes.CardNumber)));
    }

    /// <summary>
    /// One lifecycle change: key (found or claimed) → change a copy → write it with its answer → adopt → push the
    /// account's copy → answer. A refusal is an answer too: recorded, so the same request is refused the same way.
    /// </summary>
    private async Task<Card> Change(string idempotencyKey, string fingerprint, Action<CardState> change)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        RequireIssued();
        var check = await keys.Check(State, idempotencyKey, fingerprint);
        if (check.Verdict != KeyVerdict.Apply)
        {
            var shown = State;
            await PushPolicy(shown);
            return check.Answer is not { } answer ? View(shown, shown.Status, shown.Limits)
                : answer.IsRefusal ? throw answer.ToRefusal() : View(shown, (CardStatus)answer.Status, answer.Limits);
        }

        var now = clock.GetUtcNow();
        var before = State;
        var staged = copier.Copy(before);
        OperationRejectedException? refusal = null;
        try
        {
            change(staged);
        }
        catch (OperationRejectedException rejected)
        {
            (refusal, staged) = (rejected, copier.Copy(before));
        }

        if (staged.Status != before.Status || staged.Limits != before.Limits)
        {
            staged.Revision++;
        }

        RecentAnswers.Add(staged, new LifecycleAnswer(check.Scope, fingerprint, (int)staged.Status, staged.Limits, refusal?.Code, refusal?.Message, now), options.LifecycleAnswersMax);
        await card.Write(staged);
        if (refusal is not null)
        {
            throw refusal;
        }

        // Acknowledged only once the account's copy holds the change: a payment decided after this cannot miss it.
        await PushPolicy(staged);
        return View(staged, staged.Status, staged.Limits);
    }

    private static void Move(CardState staged, CardStatus target, CardStatus[] from)
    {
        if (!from.Contains(staged.Status))
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, $"A {staged.Status.ToString().ToLowerInvariant()} card cannot become {target.ToString().ToLowerInvariant()}.");
        }

        staged.Status = target;
    }

    private async Task PushPolicy(CardState state)
    {
        if (!state.IsIssued || policyRevision >= state.Revision)
        {
            return;
        }

        await GrainFactory.GetGrain<ICreditAccountGrain>(state.AccountId).UpsertCardPolicy(new CardPolicy(CardId, state.Status, state.Limits, state.Revision));
        policyRevision = Math.Max(policyRevision, state.Revision);
    }

    private void RequireIssued()
    {
        if (!State.IsIssued)
        {
            throw new NotFoundException("No such card.");
        }
    }

    private Card View(CardState state, CardStatus status, SpendLimits limits) =>
        new(CardId, state.AccountId, state.Last4, state.Expiry, status, limits, state.CreatedAt);
}
