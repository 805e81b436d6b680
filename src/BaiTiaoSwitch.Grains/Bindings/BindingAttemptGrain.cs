using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// One binding attempt, keyed by its grant id: checks the one-time code (through its card, which counts every code)
/// and activates the grant. Its state changes only after the write succeeds. Its reminder ends it when the code
/// expires (revoking the pending grant), finishes an activation left unfinished, and deletes the record after
/// <see cref="BindingOptions.AttemptRetention"/>.
/// </summary>
public sealed partial class BindingAttemptGrain(
    [PersistentState("binding-attempt", StorageNames.Entities)] IPersistentState<BindingAttemptState> state,
    IRequestKeyStore keys,
    FieldProtector protector,
    IOptions<BindingOptions> options,
    TimeProvider time,
    ILogger<BindingAttemptGrain> logger) : Grain, IBindingAttemptGrain, IRemindable
{
    public const string ReminderName = "binding-attempt";

    /// <summary>The reminder's first tick comes this long after the code expires, so it never finds the code still valid.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

    public async Task<bool> Open(BindingAttempt attempt)
    {
        if (state.State.Attempt is not null)
        {
            return false;
        }

        // The reminder first: an attempt on record always has the reminder that ends it and later deletes it.
        var due = attempt.ExpiresAt - time.GetUtcNow() + ExpiryMargin;
        await this.RegisterOrUpdateReminder(ReminderName, due > TimeSpan.Zero ? due : ExpiryMargin, options.Value.AttemptRetention);
        await state.Commit(new BindingAttemptState { Attempt = attempt }, this);
        return true;
    }

    public async Task<Grant> Verify(string idempotencyKey, string otp)
    {
        var caller = CurrentCaller.Require();
        Ids.Require(idempotencyKey, "idempotencyKey");
        var current = state.State;
        if (current.Attempt is not { } attempt || !string.Equals(attempt.Channel, caller.Channel, StringComparison.Ordinal))
        {
            throw new NotFoundException("No binding with this grant id was started by this channel.");
        }

        await ClaimKey(attempt, idempotencyKey, otp);
        switch (current.Status)
        {
            case AttemptStatus.Activated:
                return await Grant(attempt).Get();
            case AttemptStatus.Verified:
                return await Activate(attempt);
            case AttemptStatus.Ended:
                throw BindingErrors.OtpInvalid();
        }

        if (time.GetUtcNow() >= attempt.ExpiresAt)
        {
            await End(current);
            LogEnded(attempt.Channel, attempt.GrantId, "its code expired");
            throw BindingErrors.OtpInvalid();
        }

        var given = OtpCodes.Hash(protector, attempt.GrantId, otp);
        switch (await GrainFactory.GetGrain<ICardBindingGrain>(attempt.CardKey).CheckCode(attempt.GrantId, attempt.Channel, attempt.OtpHash, given))
        {
            case CodeCheck.Locked:
                LogLocked(attempt.Channel, attempt.GrantId);
                throw BindingErrors.Locked();
            case CodeCheck.Superseded:
                await End(current);
                LogEnded(attempt.Channel, attempt.GrantId, "a newer start replaced it");
                throw BindingErrors.OtpInvalid();
            case CodeCheck.Wrong:
                var wrong = current with { WrongTries = current.WrongTries + 1 };
                var ends = wrong.WrongTries >= options.Value.OtpWrongTriesMax;
                await (ends ? End(wrong) : state.Commit(wrong, this));
                LogWrongCode(attempt.Channel, attempt.GrantId, wrong.WrongTries, ends);
                throw BindingErrors.OtpInvalid();
        }

        // Verified is recorded before the grant is touched: from here on, the attempt can only go on to activated.
        await state.Commit(current with { Status = AttemptStatus.Verified }, this);
        return await Activate(attempt);
    }

    public async Task Supersede()
    {
        if (state.State is { Attempt: { } attempt, Status: AttemptStatus.Open } current)
        {
            await End(current);
            LogEnded(attempt.Channel, attempt.GrantId, "a newer start replaced it");
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var current = state.State;
        var now = time.GetUtcNow();
        if (current.Attempt is not { } attempt)
        {
            await Forget();
        }
        else if (current.Status == AttemptStatus.Open && now >= attempt.ExpiresAt)
        {
            // The code never came: the pending grant ends with it, so nothing is left half-made.
            await End(current);
            LogEnded(attempt.Channel, attempt.GrantId, "its code expired");
        }
        else if (current.Status == AttemptStatus.Verified)
        {
            await Activate(attempt);
        }
        else if (current.Status is AttemptStatus.Activated or AttemptStatus.Ended && now >= current.EndedAt + options.Value.AttemptRetention)
        {
            await state.Delete(this);
            await Forget();
        }
    }

    private async Task<Grant> Activate(BindingAttempt attempt)
    {
        Grant grant;
        try
        {
            grant = await Grant(attempt).Activate();
        }
        catch (OperationRejectedException rejected) when (rejected.Code == ErrorCodes.InvalidTransition)
        {
            // The grant was revoked (by its wallet or the issuer) after its code was verified: the binding is over.
            await state.Commit(state.State with { Status = AttemptStatus.Ended, EndedAt = time.GetUtcNow() }, this);
            throw BindingErrors.OtpInvalid();
        }
        catch (Exception exception) when (exception is not SwitchException { IsRetryable: false })
        {
            LogActivationUnfinished(attempt.Channel, attempt.GrantId, exception.GetType().Name);
            throw new OutcomeUnknownException("The code was right and is recorded, but activating the grant did not finish. Retry with the same idempotency key to finish it.");
        }

        await state.Commit(state.State with { Status = AttemptStatus.Activated, EndedAt = time.GetUtcNow() }, this);
        LogVerified(attempt.Channel, attempt.GrantId);
        return grant;
    }

    /// <summary>
    /// Ends the attempt: the pending grant is revoked first, then the end is recorded. If either fails nothing is lost:
    /// a revoked grant can never be activated, and ending again revokes with the same key.
    /// </summary>
    private async Task End(BindingAttemptState current)
    {
        await Grant(current.Attempt!).Revoke(BindingKeys.EndKey(current.Attempt!.GrantId));
        await state.Commit(current with { Status = AttemptStatus.Ended, EndedAt = time.GetUtcNow() }, this);
    }

    /// <summary>The verify's key, in its channel's namespace: the same key for another request (or for a payment) is refused.</summary>
    private async Task ClaimKey(BindingAttempt attempt, string idempotencyKey, string otp)
    {
        var fingerprint = BindingKeys.VerifyFingerprint(protector, attempt.GrantId, otp ?? "");
        KeyClaim claim;
        try
        {
            claim = await keys.Claim(attempt.Channel, idempotencyKey, BindingKeys.Owner(attempt.CardKey), fingerprint);
        }
        catch (Exception exception) when (exception is not SwitchException)
        {
            throw new OutcomeUnknownException($"The idempotency key could not be recorded ({exception.GetType().Name}). Retry with the same key.");
        }

        if (!claim.IsFor(fingerprint))
        {
            throw new IdempotencyKeyReusedException("This idempotency key was used before for another request. Use a new key for a new request.");
        }
    }

    private async Task Forget()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private IAuthorizationGrantGrain Grant(BindingAttempt attempt) => GrainFactory.GetGrain<IAuthorizationGrantGrain>(attempt.GrantId);
}
