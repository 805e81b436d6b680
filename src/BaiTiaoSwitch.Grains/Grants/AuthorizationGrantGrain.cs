using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Lifecycle;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace BaiTiaoSwitch.Grants;

/// <summary>
/// An authorization grant: identity and lifecycle of one card-to-wallet binding. Holds no money state. Durable before
/// visible: a change is computed on a copy, written, and only then shown (<see cref="DurableState{TState}"/>). A status
/// or limits change is acknowledged only once the account's policy copy holds it too, so an acknowledged revoke can
/// never lose a race with a payment; a retry of a change whose push failed pushes again, and the account keeps the
/// newest revision, so no push, late or repeated, undoes a newer change.
/// </summary>
public sealed class AuthorizationGrantGrain : Grain, IAuthorizationGrantGrain, IIncomingGrainCallFilter
{
    private readonly DeferredState<GrantState> stored;
    private readonly DurableState<GrantState> grant;
    private readonly DeepCopier<GrantState> copier;
    private readonly LifecycleKeys keys;
    private readonly FieldProtector protector;
    private readonly SwitchOptions options;
    private readonly TimeProvider clock;
    private readonly Payments.GrantRouteCache routes;

    /// <summary>The newest revision the account's policy copy is known to hold; unknown after activation, so it is pushed again.</summary>
    private long policyRevision = -1;

    public AuthorizationGrantGrain(
        DeepCopier<GrantState> copier,
        IRequestKeyStore keyStore,
        IOptions<SwitchOptions> options,
        FieldProtector protector,
        TimeProvider clock,
        Payments.GrantRouteCache routes,
        ILogger<AuthorizationGrantGrain> logger)
    {
        stored = new DeferredState<GrantState>(GrainContext.ActivationServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Records), "grant", GrainContext.GrainId);
        grant = new DurableState<GrantState>(stored, GrainContext, logger);
        keys = new LifecycleKeys(keyStore, "grant/" + this.GetPrimaryKeyString());
        this.copier = copier;
        this.options = options.Value;
        this.protector = protector;
        this.clock = clock;
        this.routes = routes;
    }

    private string GrantId => this.GetPrimaryKeyString();

    private GrantState State => grant.Current;

    /// <summary>Every call but <see cref="Create"/> reads the grant first; the creation reads it only when it may exist.</summary>
    public Task Invoke(IIncomingGrainCallContext context) => stored.LoadBefore(context, nameof(Create));

    public async Task<Grant> Create(GrantRoute route, string last4, GrantRequest request, bool verified, bool isNew)
    {
        var (limits, blocked, scopes) = GrantLifecycle.Validated(request);
        await stored.LoadUnlessNew(isNew);
        if (State.Route is null)
        {
            // The token index is the arbiter: a token is stored only once it is registered to this grant.
            var token = await WalletTokens.Draw(GrainFactory, protector, GrantId);
            await grant.Write(new GrantState
            {
                Route = route,
                Last4 = last4,
                Status = verified ? GrantStatus.Active : GrantStatus.PendingVerification,
                WalletToken = protector.Protect(token, Purposes.WalletToken),
                Limits = limits,
                BlockedMccs = blocked,
                Scopes = scopes,
                ExpiresAt = request.ExpiresAt,
                CreatedAt = clock.GetUtcNow(),
                Revision = 1,
            });
        }
        else if (State.Route != route)
        {
            throw new IdempotencyKeyReusedException("This idempotency key already made a different grant; use a new key.");
        }

        // Repeated on a replay, so a retry after a failed push completes it.
        var created = State;
        await PushPolicy(created);

        // This silo's router then routes the grant's first payment without reading the grant back.
        routes.Add(created.Route!);

        // Once made, a grant is read rarely: routes are cached by the SDK and each silo's router, and the account decides
        // payments on its own policy copy. Kept activated it would cost every bound wallet memory for nothing; the next
        // call reads it back (and pushes the revision the account already holds, which writes nothing).
        DeactivateOnIdle();
        return View(created, StatusNow(created), created.Limits, showToken: true);
    }

    public async Task<Grant> Get()
    {
        RequireVisible();

        // After an activation or a failed push, the account's copy is brought up to date before this state is shown.
        var shown = State;
        await PushPolicy(shown);
        return View(shown, StatusNow(shown), shown.Limits);
    }

    public Task<GrantRoute> GetRoute() => Task.FromResult(State.Route ?? throw new NotFoundException("No such grant."));

    public Task<GrantStatus> GetStatus() => Task.FromResult(State.Route is null ? throw new NotFoundException("No such grant.") : StatusNow(State));

    public Task<Grant> Activate() =>
        Change(null, "grant.activate", (staged, now) => GrantLifecycle.Move(staged, now, GrantStatus.Active, GrantLifecycle.ActivatableFrom));

    public Task<Grant> Suspend(string idempotencyKey) =>
        Change(idempotencyKey, LifecycleAnswer.FingerprintOf("grant.suspend"), (staged, now) => GrantLifecycle.Move(staged, now, GrantStatus.Suspended, GrantLifecycle.SuspendableFrom));

    public Task<Grant> Resume(string idempotencyKey) =>
        Change(idempotencyKey, LifecycleAnswer.FingerprintOf("grant.resume"), (staged, now) => GrantLifecycle.Move(staged, now, GrantStatus.Active, GrantLifecycle.ResumableFrom));

    public Task<Grant> Revoke(string idempotencyKey) =>
        Change(idempotencyKey, LifecycleAnswer.FingerprintOf("grant.revoke"), (staged, now) => GrantLifecycle.Move(staged, now, GrantStatus.Revoked, GrantLifecycle.RevocableFrom));

    public Task<Grant> SetLimits(string idempotencyKey, SpendLimits limits)
    {
        var validated = (limits ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'limits' is required.")).Validated("limits");
        return Change(idempotencyKey, LifecycleAnswer.FingerprintOf("grant.limits", validated), (staged, _) => staged.Limits = validated);
    }

    /// <summary>
    /// One lifecycle change: key (found or claimed) → change a copy → write it with its answer → adopt → push the
    /// account's copy → answer. <paramref name="change"/> gets the status the grant has now, and may refuse.
    /// A call from inside the cluster without a key (activation by the binding attempt) records no answer.
    /// </summary>
    private async Task<Grant> Change(string? idempotencyKey, string fingerprint, Action<GrantState, GrantStatus> change)
    {
        var check = new KeyCheck(KeyVerdict.Apply, "", null);
        RequireVisible();
        if (idempotencyKey is not null)
        {
            check = await keys.Check(State, Ids.Require(idempotencyKey, "idempotencyKey"), fingerprint);
        }

        if (check.Verdict != KeyVerdict.Apply)
        {
            var shown = State;
            await PushPolicy(shown);
            return check.Answer is not { } answer ? View(shown, StatusNow(shown), shown.Limits)
                : answer.IsRefusal ? throw answer.ToRefusal() : View(shown, (GrantStatus)answer.Status, answer.Limits);
        }

        var now = clock.GetUtcNow();
        var before = State;
        var staged = copier.Copy(before);
        OperationRejectedException? refusal = null;
        try
        {
            change(staged, GrantLifecycle.StatusAt(before, now, options.PendingGrantLifetime));
        }
        catch (OperationRejectedException rejected)
        {
            (refusal, staged) = (rejected, copier.Copy(before));
        }

        if (staged.Status != before.Status || staged.Limits != before.Limits)
        {
            staged.Revision++;
        }

        var status = GrantLifecycle.StatusAt(staged, now, options.PendingGrantLifetime);
        if (idempotencyKey is not null)
        {
            RecentAnswers.Add(staged, new LifecycleAnswer(check.Scope, fingerprint, (int)status, staged.Limits, refusal?.Code, refusal?.Message, now), options.LifecycleAnswersMax);
        }

        if (idempotencyKey is not null || staged.Revision != before.Revision)
        {
            await grant.Write(staged);
        }

        if (refusal is not null)
        {
            throw refusal;
        }

        // Acknowledged only once the account's copy holds the change: a payment decided after this cannot miss it.
        await PushPolicy(staged);
        return View(staged, status, staged.Limits);
    }

    private async Task PushPolicy(GrantState state)
    {
        if (state.Route is not { } route || policyRevision >= state.Revision)
        {
            return;
        }

        await GrainFactory.GetGrain<ICreditAccountGrain>(route.AccountId).UpsertGrantPolicy(new GrantPolicy(
            GrantId, route.CardId, route.Channel, state.Status, state.Limits, state.BlockedMccs.ToArray(), state.ExpiresAt, state.Revision));
        policyRevision = Math.Max(policyRevision, state.Revision);
    }

    private void RequireVisible()
    {
        // A wallet channel that does not own the grant is told it does not exist (object-level authorization).
        if (State.Route is null || !CurrentCaller.MaySee(State.Route.Channel))
        {
            throw new NotFoundException("No such grant.");
        }
    }

    private GrantStatus StatusNow(GrantState state) => GrantLifecycle.StatusAt(state, clock.GetUtcNow(), options.PendingGrantLifetime);

    private Grant View(GrantState state, GrantStatus status, SpendLimits limits, bool? showToken = null)
    {
        var route = state.Route!;
        var token = (showToken ?? CurrentCaller.Owns(route.Channel)) && status is not (GrantStatus.PendingVerification or GrantStatus.Revoked)
            ? protector.Unprotect(state.WalletToken!, Purposes.WalletToken)
            : null;
        return new Grant(GrantId, route.Channel, route.CardId, route.AccountId, state.Last4, status, token, limits,
            state.BlockedMccs, state.Scopes, state.ExpiresAt, state.CreatedAt);
    }
}
