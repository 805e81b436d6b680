using System.Text;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.HttpEdge.Idempotency;

/// <summary>
/// Records the HTTP answer of one (channel, Idempotency-Key). A claim lives in memory while its request runs; the
/// answer is written before the claim is released, so a replay after that always finds it. Only the owning channel
/// reaches it.
/// </summary>
public sealed class HttpIdempotencyGrain(
    [PersistentState("http-idempotency", StorageNames.Entities)] IPersistentState<HttpIdempotencyState> state,
    FieldProtector protector,
    IOptions<HttpEdgeOptions> options,
    TimeProvider time) : Grain, IHttpIdempotencyGrain
{
    private const string Purpose = "http-response";
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

        state.State.Fingerprint = fingerprint;
        state.State.Status = response.Status;
        state.State.ContentType = response.ContentType;
        state.State.Body = protector.Protect(Encoding.UTF8.GetString(response.Body), Purpose + ":" + this.GetPrimaryKeyString());
        state.State.CreatedAt = time.GetUtcNow();
        try
        {
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
