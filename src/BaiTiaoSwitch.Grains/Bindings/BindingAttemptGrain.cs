using System.Buffers;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Bindings;

/// <summary>One binding attempt, keyed by its grant id: checks the one-time code and activates the grant.</summary>
public sealed partial class BindingAttemptGrain(
    [PersistentState("binding-attempt", StorageNames.Entities)] IPersistentState<BindingAttemptState> state,
    IGrainFactory grains,
    FieldProtector protector,
    IOptions<BindingOptions> options,
    TimeProvider time,
    ILogger<BindingAttemptGrain> logger) : Grain, IBindingAttemptGrain
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    public async Task Open(BindingAttempt attempt)
    {
        if (state.State.Attempt is not null)
        {
            return;
        }

        state.State = new BindingAttemptState { Attempt = attempt };
        await state.WriteStateAsync();
    }

    public async Task<Grant> Verify(string idempotencyKey, string otp)
    {
        var caller = CurrentCaller.Require();
        Ids.Require(idempotencyKey, "idempotencyKey");
        var attempt = state.State.Attempt;
        if (attempt is null || !string.Equals(attempt.Channel, caller.Channel, StringComparison.Ordinal))
        {
            throw new NotFoundException("No binding with this grant id was started by this channel.");
        }

        var grant = grains.GetGrain<IAuthorizationGrantGrain>(attempt.GrantId);
        if (state.State.Verified)
        {
            return await grant.Get();
        }

        if (state.State.Ended)
        {
            throw BindingErrors.OtpInvalid();
        }

        if (time.GetUtcNow() >= attempt.ExpiresAt)
        {
            await End(grant, idempotencyKey);
            LogExpired(caller.Channel, attempt.GrantId);
            throw BindingErrors.OtpInvalid();
        }

        var wellFormed = otp is { Length: 6 } && !otp.AsSpan().ContainsAnyExcept(Digits);
        var expected = attempt.OtpHash;
        var given = CardBindingGrain.OtpHash(protector, attempt.GrantId, wellFormed ? otp : "------");
        if (!wellFormed || !FieldProtector.HashesEqual(expected, given))
        {
            state.State.WrongTries++;
            if (state.State.WrongTries >= options.Value.OtpWrongTriesMax)
            {
                await End(grant, idempotencyKey);
            }
            else
            {
                await state.WriteStateAsync();
            }

            await grains.GetGrain<ICardBindingGrain>(attempt.CardKey).RecordFailure();
            LogWrongCode(caller.Channel, attempt.GrantId, state.State.WrongTries, state.State.Ended);
            throw BindingErrors.OtpInvalid();
        }

        state.State.Verified = true;
        await state.WriteStateAsync();
        await grant.Activate();
        LogVerified(caller.Channel, attempt.GrantId);
        return await grant.Get();
    }

    private async Task End(IAuthorizationGrantGrain grant, string idempotencyKey)
    {
        state.State.Ended = true;
        await state.WriteStateAsync();

        // A pending grant that can never be verified is revoked, so nothing is left half-made. The revoke acts for
        // the wallet that started the binding (its token travels with this call), which owns the grant.
        await grant.Revoke(idempotencyKey);
    }

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Binding verified for channel {Channel}: grant {GrantId} is active")]
    private partial void LogVerified(string channel, string grantId);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Warning, Message = "Wrong one-time code for channel {Channel} on grant {GrantId}: {WrongTries} wrong so far; attempt ended: {Ended}")]
    private partial void LogWrongCode(string channel, string grantId, int wrongTries, bool ended);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Warning, Message = "Expired one-time code for channel {Channel} on grant {GrantId}; the attempt has ended")]
    private partial void LogExpired(string channel, string grantId);
}
