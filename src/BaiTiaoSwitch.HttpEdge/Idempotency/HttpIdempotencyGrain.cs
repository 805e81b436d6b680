using System.Text;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.HttpEdge.Idempotency;

/// <summary>
/// Records the HTTP answer of one (channel, Idempotency-Key). A claim lives in memory while its request runs; the
/// answer is written before the claim is released, so a replay after that always finds it. Only the owning channel
/// reaches it. Every stored answer has a reminder, registered before it is written, that deletes it once its
/// retention has passed, so answers do not pile up however many keys a channel uses.
/// </summary>
public sealed class HttpIdempotencyGrain(
    [PersistentState("http-idempotency", StorageNames.Entities)] IPersistentState<HttpIdempotencyState> state,
    FieldProtector protector,
    IOptions<HttpEdgeOptions> options,
    TimeProvider time) : Grain, IHttpIdempotencyGrain, IRemindable
{
    public const string ReminderName = "http-answer-expiry";
    private const string Purpose = "http-response";

    /// <summary>The reminder comes this long after the retention ends, so it never finds the answer still kept.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);
    private string? claimFingerprint;
    private DateTimeOffset claimedAt;

    public async Task<IdempotencyClaim> Begin(string fingerprint)
    {
        ChannelRecordGuard.RequireOwner(this.GetPrimaryKeyString());
        var now = time.GetUtcNow();
        var record = state.State;
        if (record.Fingerprint is not null && now - record.CreatedAt > options.Value.IdempotencyRetention)
        {
            await state.ClearStateAsync();
            record = state.State;
        }

        if (record.Fingerprint is not null)
        {
            if (!string.Equals(record.Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                return IdempotencyClaim.Conflict;
            }

            var body = record.Body is null ? [] : Encoding.UTF8.GetBytes(protector.Unprotect(record.Body, Purpose + ":" + this.GetPrimaryKeyString()));
            return new IdempotencyClaim(IdempotencyClaimKind.Replay, new StoredResponse(record.Status, record.ContentType, body));
        }

        if (claimFingerprint is not null && now - claimedAt < options.Value.IdempotencyClaimTimeout)
        {
            return string.Equals(claimFingerprint, fingerprint, StringComparison.Ordinal) ? IdempotencyClaim.InProgress : IdempotencyClaim.Conflict;
        }

        claimFingerprint = fingerprint;
        claimedAt = now;
        return IdempotencyClaim.Claimed;
    }

    public async Task Complete(string fingerprint, StoredResponse response)
    {
        ChannelRecordGuard.RequireOwner(this.GetPrimaryKeyString());
        if (!string.Equals(claimFingerprint, fingerprint, StringComparison.Ordinal) || state.State.Fingerprint is not null)
        {
            return;
        }

        try
        {
            var retention = options.Value.IdempotencyRetention;
            await this.RegisterOrUpdateReminder(ReminderName, retention + ExpiryMargin, retention);
            state.State.Fingerprint = fingerprint;
            state.State.Status = response.Status;
            state.State.ContentType = response.ContentType;
            state.State.Body = protector.Protect(Encoding.UTF8.GetString(response.Body), Purpose + ":" + this.GetPrimaryKeyString());
            state.State.CreatedAt = time.GetUtcNow();
            await state.WriteStateAsync();
        }
        catch
        {
            // The answer is not durable: forget it in memory too, so no replay serves what storage never held.
            state.State = new HttpIdempotencyState();
            throw;
        }
        finally
        {
            claimFingerprint = null;
        }
    }

    /// <summary>The answer's retention has passed: its record is deleted (the row goes) and the reminder with it.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Fingerprint is not null && time.GetUtcNow() - state.State.CreatedAt < options.Value.IdempotencyRetention)
        {
            return;
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task Abandon(string fingerprint)
    {
        ChannelRecordGuard.RequireOwner(this.GetPrimaryKeyString());
        if (string.Equals(claimFingerprint, fingerprint, StringComparison.Ordinal))
        {
            claimFingerprint = null;
        }

        return Task.CompletedTask;
    }
}
