using System.Security.Cryptography;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// Binding on one card number, keyed by its keyed hash. Serializes the attempts on a card, so the failure count and
/// the lock cannot be raced. The answer to a refusal is always the same, whichever check failed.
/// </summary>
public sealed partial class CardBindingGrain(
    [PersistentState("card-binding", StorageNames.Entities)] IPersistentState<CardBindingState> state,
    IGrainFactory grains,
    IOtpSender otpSender,
    FieldProtector protector,
    IOptions<BindingOptions> bindingOptions,
    IOptions<SwitchOptions> switchOptions,
    TimeProvider time,
    ILogger<CardBindingGrain> logger) : Grain, ICardBindingGrain
{
    private readonly BindingOptions options = bindingOptions.Value;

    public async Task<Grant> Start(string idempotencyKey, string channel, BindingRequest request)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        Ids.Require(channel, "channel");
        request.Validated();
        var now = time.GetUtcNow();
        if (state.State.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            LogLocked(channel, CardKeyPrefix);
            throw BindingErrors.Locked();
        }

        var (failure, card) = await Check(request);
        if (failure is { } reason)
        {
            await CountFailure(channel, reason);
            throw BindingErrors.VerificationFailed();
        }

        var grant = await grains.GetGrain<IVirtualCardGrain>(card!.CardId).CreatePendingGrant(idempotencyKey, channel);
        if (grant.Status != GrantStatus.PendingVerification)
        {
            // The same request again after its grant was verified (or ended): the grant says where it stands.
            return grant;
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var attempt = new BindingAttempt(grant.GrantId, channel, this.GetPrimaryKeyString(), OtpHash(protector, grant.GrantId, code), now + options.OtpLifetime);
        await grains.GetGrain<IBindingAttemptGrain>(grant.GrantId).Open(attempt);
        await otpSender.SendAsync(HolderRecord.NormalizePhone(request.Holder.Phone), code, CancellationToken.None);
        LogStarted(channel, grant.GrantId);
        return grant;
    }

    public Task RecordFailure() => CountFailure(channel: null, VerificationFailure.WrongCode);

    /// <summary>The keyed hash of a one-time code, bound to its grant so a code hash is worth nothing elsewhere.</summary>
    internal static string OtpHash(FieldProtector protector, string grantId, string code) => protector.LookupHash(grantId + "\u001f" + code, "binding-otp");

    private string CardKeyPrefix => this.GetPrimaryKeyString()[..8];

    private async Task<(VerificationFailure? Failure, Card? Card)> Check(BindingRequest request)
    {
        var cardId = await grains.GetGrain<ICardNumberIndexGrain>(this.GetPrimaryKeyString()).Find();
        if (cardId is null)
        {
            return (VerificationFailure.UnknownCard, null);
        }

        var cardGrain = grains.GetGrain<IVirtualCardGrain>(cardId);
        if (!await cardGrain.HasNumber(request.CardNumber))
        {
            return (VerificationFailure.UnknownCard, null);
        }

        var card = await cardGrain.Get();
        var holder = await grains.GetGrain<ICreditAccountGrain>(card.AccountId).CheckHolder(request.Holder);
        VerificationFailure? failure = null;
        if (!holder.Opened || !holder.HolderMatches)
        {
            failure = VerificationFailure.HolderMismatch;
        }
        else if (card.Status != CardStatus.Active)
        {
            failure = VerificationFailure.CardNotActive;
        }
        else if (holder.Status != AccountStatus.Active)
        {
            failure = VerificationFailure.AccountNotActive;
        }
        else if (holder.CreditScore < switchOptions.Value.MinimumCreditScore)
        {
            failure = VerificationFailure.CreditScoreTooLow;
        }

        return (failure, card);
    }

    private async Task CountFailure(string? channel, VerificationFailure reason)
    {
        var now = time.GetUtcNow();
        var failures = state.State.Failures;
        failures.RemoveAll(at => now - at >= options.FailureWindow);
        failures.Add(now);
        var locked = failures.Count >= options.FailuresBeforeLockMax;
        if (locked)
        {
            state.State.LockedUntil = now + options.LockDuration;
            failures.Clear();
        }

        await state.WriteStateAsync();
        LogFailed(channel ?? "-", CardKeyPrefix, reason, locked);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Binding started for channel {Channel}: grant {GrantId} awaits its one-time code")]
    private partial void LogStarted(string channel, string grantId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Binding verification failed for channel {Channel} on card key {CardKey}…: {Reason}; locked now: {Locked}")]
    private partial void LogFailed(string channel, string cardKey, VerificationFailure reason, bool locked);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Binding refused for channel {Channel} on card key {CardKey}…: binding on this card is locked")]
    private partial void LogLocked(string channel, string cardKey);
}
