using System.Security.Cryptography;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Grants;

/// <summary>
/// An authorization grant: identity and lifecycle of one card-to-wallet binding. Holds no money state. Every status
/// or limit change is written to the account's policy copy before it is acknowledged, so an acknowledged revoke can
/// never lose a race with a payment.
/// </summary>
public sealed class AuthorizationGrantGrain(
    [PersistentState("grant", StorageNames.Entities)] IPersistentState<GrantState> grant,
    FieldProtector protector,
    TimeProvider clock) : Grain, IAuthorizationGrantGrain
{
    private const string TokenAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private string GrantId => this.GetPrimaryKeyString();

    public async Task<Grant> Create(GrantRoute route, string last4, GrantRequest request, bool verified)
    {
        var limits = (request.Limits ?? SpendLimits.None).Validated("limits");
        var blocked = (request.BlockedMccs ?? []).ToList();
        var scopes = (request.Scopes ?? ["payments"]).ToList();
        if (blocked.Count > 64 || blocked.Any(mcc => mcc is not { Length: 4 } || !mcc.All(char.IsAsciiDigit)))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'blockedMccs' must be at most 64 codes of 4 digits.");
        }

        if (scopes.Count > 16 || scopes.Any(scope => !Ids.IsWellFormed(scope)))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'scopes' must be at most 16 ids.");
        }

        if (grant.State.Route is null)
        {
            var token = NewWalletToken();
            grant.State = new GrantState
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
            };
            await grant.WriteStateAsync();
        }
        else if (grant.State.Route != route)
        {
            throw new IdempotencyKeyReusedException("This idempotency key already made a different grant; use a new key.");
        }

        // Repeated on a replay, so a retry after a crash between the steps completes them.
        await GrainFactory.GetGrain<IWalletTokenGrain>(TokenHash()).Register(GrantId);
        await PushPolicy();
        return View(showToken: true);
    }

    public Task<Grant> Get()
    {
        RequireVisible();
        return Task.FromResult(View(showToken: CurrentCaller.Owns(grant.State.Route!.Channel)));
    }

    public Task<GrantRoute> GetRoute() => Task.FromResult(grant.State.Route ?? throw new NotFoundException("No such grant."));

    public Task<Grant> Activate() => Transition(idempotencyKey: null, GrantStatus.Active, GrantStatus.PendingVerification, GrantStatus.Active);

    // The lifecycle keys are accepted now and recorded by the per-channel key store of issue 6, section 3.
    public Task<Grant> Suspend(string idempotencyKey) => Transition(idempotencyKey, GrantStatus.Suspended, GrantStatus.Active, GrantStatus.Suspended);

    public Task<Grant> Resume(string idempotencyKey) => Transition(idempotencyKey, GrantStatus.Active, GrantStatus.Suspended, GrantStatus.Active);

    public Task<Grant> Revoke(string idempotencyKey) =>
        Transition(idempotencyKey, GrantStatus.Revoked, GrantStatus.PendingVerification, GrantStatus.Active, GrantStatus.Suspended, GrantStatus.Expired, GrantStatus.Revoked);

    public async Task<Grant> SetLimits(string idempotencyKey, SpendLimits limits)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        RequireVisible();
        grant.State.Limits = (limits ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'limits' is required.")).Validated("limits");
        grant.State.Revision++;
        await grant.WriteStateAsync();
        await PushPolicy();
        return View(showToken: false);
    }

    private async Task<Grant> Transition(string? idempotencyKey, GrantStatus target, params GrantStatus[] from)
    {
        if (idempotencyKey is not null)
        {
            Ids.Require(idempotencyKey, "idempotencyKey");
        }

        RequireVisible();
        var current = EffectiveStatus();
        if (!from.Contains(current))
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, $"A {Wire(current)} grant cannot become {Wire(target)}.");
        }

        if (grant.State.Status != target)
        {
            grant.State.Status = target;
            grant.State.Revision++;
            await grant.WriteStateAsync();
        }

        // The account's copy is written before the change is acknowledged.
        await PushPolicy();
        return View(showToken: CurrentCaller.Owns(grant.State.Route!.Channel));
    }

    private Task PushPolicy()
    {
        var route = grant.State.Route!;
        return GrainFactory.GetGrain<ICreditAccountGrain>(route.AccountId).UpsertGrantPolicy(new GrantPolicy(
            GrantId, route.CardId, route.Channel, grant.State.Status, grant.State.Limits, grant.State.BlockedMccs, grant.State.ExpiresAt, grant.State.Revision));
    }

    private void RequireVisible()
    {
        // A wallet channel that does not own the grant is told it does not exist (object-level authorization).
        if (grant.State.Route is null || !CurrentCaller.MaySee(grant.State.Route.Channel))
        {
            throw new NotFoundException("No such grant.");
        }
    }

    private GrantStatus EffectiveStatus() =>
        grant.State.Status is GrantStatus.Active or GrantStatus.Suspended && grant.State.ExpiresAt <= clock.GetUtcNow() ? GrantStatus.Expired : grant.State.Status;

    private Grant View(bool showToken)
    {
        var route = grant.State.Route!;
        var status = EffectiveStatus();
        var token = showToken && status != GrantStatus.PendingVerification && status != GrantStatus.Revoked
            ? protector.Unprotect(grant.State.WalletToken!, Purposes.WalletToken)
            : null;
        return new Grant(GrantId, route.Channel, route.CardId, route.AccountId, grant.State.Last4, status, token, grant.State.Limits,
            grant.State.BlockedMccs, grant.State.Scopes, grant.State.ExpiresAt, grant.State.CreatedAt);
    }

    private string TokenHash() => protector.LookupHash(protector.Unprotect(grant.State.WalletToken!, Purposes.WalletToken), Purposes.WalletToken);

    private static string NewWalletToken() => "wt_" + RandomNumberGenerator.GetString(TokenAlphabet, 32);

    private static string Wire(GrantStatus status) => status == GrantStatus.PendingVerification ? "pending_verification" : status.ToString().ToLowerInvariant();
}
