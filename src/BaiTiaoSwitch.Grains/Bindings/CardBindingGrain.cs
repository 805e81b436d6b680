using System.Diagnostics;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// Binding on one card number, keyed by its keyed hash. Serializes everything that counts against the card (failures
/// and the lock, codes guessed, the open attempt of each channel), so none of it can be raced. Its state changes only
/// after the write succeeds. The answer to a refusal is always the same, whichever check failed, at the same cost.
/// </summary>
public sealed partial class CardBindingGrain(
    [PersistentState("card-binding", StorageNames.Entities)] IPersistentState<CardBindingState> state,
    IOtpSender otpSender,
    IRequestKeyStore keys,
    FieldProtector protector,
    IOptions<BindingOptions> bindingOptions,
    IOptions<SwitchOptions> switchOptions,
    TimeProvider time,
    ILogger<CardBindingGrain> logger) : Grain, ICardBindingGrain, IRemindable
{
    private readonly BindingOptions options = bindingOptions.Value;

    /// <summary>A state's windows have all passed at most this long after its last entry; the tidy reminder comes that often.</summary>
    private TimeSpan TidyPeriod => new[] { options.FailureWindow, options.LockDuration, BindingOptions.Hour }.Max();

    private string CardKey => this.GetPrimaryKeyString();

    public async Task<Grant> Start(string idempotencyKey, string channel, BindingRequest request)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        Ids.Require(channel, "channel");
        request.Validated();
        var now = time.GetUtcNow();
        var current = state.State.Pruned(now, options);
        var phoneDigits = HolderRecord.NormalizePhone(request.Holder.Phone);
        var phone = GrainFactory.GetGrain<IPhoneCodesGrain>(protector.LookupHash(phoneDigits, Purposes.Phone));

        // Decided before the elements are checked, by the card number and the phone alone: a lock tells nothing of the rest.
        if (current.IsLocked(now) || !await phone.HasRoom())
        {
            LogLocked(channel, CardKeyPrefix);
            throw BindingErrors.Locked();
        }

        var checkStarted = Stopwatch.GetTimestamp();
        var (failure, card) = await new FourElementCheck(GrainFactory, protector, switchOptions.Value.MinimumCreditScore).Run(CardKey, request);
        if (failure is { } reason)
        {
            await Save(current.WithFailure(now, options));
            LogFailed(channel, CardKeyPrefix, reason, state.State.IsLocked(now));

            // Wall-clock time, not the switch's clock: this is about how long the caller waits.
            var rest = options.RefusalTimeMin - Stopwatch.GetElapsedTime(checkStarted);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }

            throw BindingErrors.VerificationFailed();
        }

        await ClaimKey(channel, idempotencyKey, request);
        var open = current.OpenAttempts.GetValueOrDefault(channel);
        if (open?.Key != idempotencyKey)
        {
            var grant = await GrainFactory.GetGrain<IVirtualCardGrain>(card!.CardId).CreatePendingGrant(BindingKeys.GrantKey(idempotencyKey), channel);
            if (grant.Status != GrantStatus.PendingVerification)
            {
                // This start again after its attempt was verified or ended: the grant says where it stands, and no code goes out.
                return grant;
            }

            if (!await phone.TrySpend())
            {
                await GrainFactory.GetGrain<IAuthorizationGrantGrain>(grant.GrantId).Revoke(BindingKeys.EndKey(grant.GrantId));
                LogLocked(channel, CardKeyPrefix);
                throw BindingErrors.Locked();
            }

            open = new OpenAttempt(idempotencyKey, grant.GrantId, now + options.OtpLifetime, open?.GrantId);
            await Save(current.WithOpenAttempt(channel, open));
        }

        // Every step from here may run again (a retried start after a failure): ending the replaced attempt twice is one
        // end, and an attempt already open keeps its code, so a replayed start sends no second one.
        if (open.Supersedes is { } replaced)
        {
            await GrainFactory.GetGrain<IBindingAttemptGrain>(replaced).Supersede();
        }

        var code = OtpCodes.New();
        var attempt = new BindingAttempt(open.GrantId, channel, CardKey, OtpCodes.Hash(protector, open.GrantId, code), open.ExpiresAt);
        if (await GrainFactory.GetGrain<IBindingAttemptGrain>(open.GrantId).Open(attempt))
        {
            await otpSender.SendAsync(phoneDigits, code, CancellationToken.None);
            LogStarted(channel, open.GrantId);
        }

        return await GrainFactory.GetGrain<IAuthorizationGrantGrain>(open.GrantId).Get();
    }

    public async Task<CodeCheck> CheckCode(string grantId, string channel, string expectedHash, string givenHash)
    {
        var now = time.GetUtcNow();
        var current = state.State.Pruned(now, options);
        if (current.IsLocked(now) || current.GuessesSpent(options))
        {
            return CodeCheck.Locked;
        }

        if (current.OpenAttempts.GetValueOrDefault(channel)?.GrantId != grantId)
        {
            return CodeCheck.Superseded;
        }

        // Counted before it is answered: a code is never compared without being counted durably.
        var right = FieldProtector.HashesEqual(expectedHash, givenHash);
        await Save(current.WithGuess(now, right, options));
        if (!right)
        {
            LogFailed(channel, CardKeyPrefix, VerificationFailure.WrongCode, state.State.IsLocked(now));
        }

        return right ? CodeCheck.Right : CodeCheck.Wrong;
    }

    /// <summary>The tidy reminder: what no longer counts goes, and a state with nothing left is deleted with its reminder.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var pruned = state.State.Pruned(time.GetUtcNow(), options);
        if (!pruned.IsEmpty)
        {
            await state.Commit(pruned, this);
            return;
        }

        if (state.RecordExists)
        {
            await state.Delete(this);
        }

        await TidyReminder.Unregister(this);
    }

    private string CardKeyPrefix => CardKey[..Math.Min(8, CardKey.Length)];

    private async Task Save(CardBindingState next)
    {
        if (!state.RecordExists)
        {
            await TidyReminder.Register(this, TidyPeriod);
        }

        await state.Commit(next, this);
    }

    /// <summary>The start's key, in its channel's namespace, once the elements matched: the same key for another request is refused.</summary>
    private async Task ClaimKey(string channel, string idempotencyKey, BindingRequest request)
    {
        var fingerprint = BindingKeys.StartFingerprint(protector, request);
        KeyClaim claim;
        try
        {
            claim = await keys.Claim(channel, idempotencyKey, BindingKeys.Owner(CardKey), fingerprint);
        }
        catch (Exception exception) when (exception is not SwitchException)
        {
            throw new OutcomeUnknownException($"The idempotency key could not be recorded ({exception.GetType().Name}). Retry with the same key.");
        }

        if (!claim.IsFor(fingerprint))
        {
            throw new IdempotencyKeyReusedException("This idempotency key was used before for another request. Use a new key for a new binding.");
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Binding started for channel {Channel}: grant {GrantId} awaits its one-time code")]
    private partial void LogStarted(string channel, string grantId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Binding verification failed for channel {Channel} on card key {CardKey}…: {Reason}; locked now: {Locked}")]
    private partial void LogFailed(string channel, string cardKey, VerificationFailure reason, bool locked);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Binding refused for channel {Channel} on card key {CardKey}…: the card is locked, or the phone's codes for this hour are spent")]
    private partial void LogLocked(string channel, string cardKey);
}
