using BaiTiaoSwitch.RequestKeys;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The one path every operation on a line takes: find or claim the key → prepare → claim the key in the channel's
/// namespace → decide and record in one synchronous step → join the batch → answer when durable. Because the key is
/// claimed synchronously before any await, "no await between finding a request's record and recording it" holds by
/// construction: a concurrent duplicate finds the claim and waits for its answer. Operations decide on the line's
/// <paramref name="clock"/>; key records are dated by <paramref name="keyClock"/> (the switch's own time, by default the
/// same), so a sandbox clock advance never ages a key out of its retention: a retry still finds its answer.
/// </summary>
public sealed class MoneyPipeline(AccountBook book, RequestRecords requests, GroupCommitter committer, IRequestKeyStore keys, IRequestArchive archive, TimeProvider clock, TimeProvider? keyClock = null)
{
    private readonly TimeProvider keyClock = keyClock ?? clock;

    private readonly string owner = OwnerOf(book.Header.AccountId);

    /// <summary>Who takes effect with a key claimed by a line, in the channel's namespace.</summary>
    public static string OwnerOf(string accountId) => "account/" + accountId;

    /// <summary>How the line's stored state is read; null for a line that is always in memory (a model in tests).</summary>
    public LineLoading? Loading { get; init; }

    public async Task<TResult> Run<TResult>(Caller caller, string idempotencyKey, AccountOperation<TResult> operation)
    {
        while (true)
        {
            var (decided, result) = await Attempt(caller, idempotencyKey, operation);
            if (decided)
            {
                return result;
            }

            // An opening found its key already used: the line is read before it decides again.
            await Loading!.ReadForOpening();
        }
    }

    private async Task<(bool Decided, TResult Result)> Attempt<TResult>(Caller caller, string idempotencyKey, AccountOperation<TResult> operation)
    {
        var scope = IdempotencyRecord.ScopeOf(caller.Channel, idempotencyKey);
        RequestClaim claim;
        while (true)
        {
            committer.EnsureCapacity();
            var lookup = requests.FindOrClaim(scope, operation.Kind, operation.Fingerprint);
            if (lookup.Record is { } record)
            {
                await Durable();
                return (true, record.IsRefusal ? throw record.ToRefusal() : operation.FromRecord(record));
            }

            if (lookup.InFlight is { } inFlight)
            {
                await inFlight;
                continue;
            }

            claim = lookup.Claim!;
            break;
        }

        IdempotencyRecord? recorded = null;
        TResult result = default!;
        try
        {
            await Prepare(operation, caller);
            var global = await ClaimInNamespace(caller.Channel, idempotencyKey, operation.Fingerprint);
            if (Loading?.MustReadFirst(global.Outcome == KeyClaimOutcome.Claimed) == true)
            {
                // The claim is abandoned below (nothing was recorded) before the line is read.
                return (false, default!);
            }


            // The key was already this line's: its answer may have left hot state; the same rules decide whether it answers.
            if (global.Outcome == KeyClaimOutcome.AlreadyYours && await archive.Find(book.Header.AccountId, scope) is { } cold)
            {
                requests.Abandon(claim);
                return (true, !RequestRecords.Replays(cold, operation.Kind, operation.Fingerprint) ? throw RequestRecords.Reused()
                    : cold.IsRefusal ? throw cold.ToRefusal() : operation.FromRecord(cold));
            }

            if (!global.IsFor(operation.Fingerprint))
            {
                throw new IdempotencyKeyReusedException("This idempotency key was already used by this channel for another request (keys are scoped per channel, across every account); use a new key.");
            }

            await committer.WaitForRoom();
            var now = clock.GetUtcNow();
            var recordedAt = keyClock.GetUtcNow();
            try
            {
                result = operation.Decide(new DecisionContext(book, requests, caller, scope, now));
                recorded = operation.ToRecord(scope, result, recordedAt);
            }
            catch (OperationRejectedException refusal)
            {
                // A refusal is the request's answer: recorded like a result, so the same request is refused the same way.
                recorded = new IdempotencyRecord(scope, operation.Kind, operation.Fingerprint, recordedAt, null, null, null, null, refusal.Code, refusal.Message);
            }

            requests.Record(claim, recorded);
        }
        finally
        {
            if (recorded is null)
            {
                requests.Abandon(claim);
            }
        }

        await Durable();
        return (true, recorded.IsRefusal ? throw recorded.ToRefusal() : result);
    }

    /// <summary>
    /// A refusal from the prepare step (no such authorization, grant or account) is read from the line's state and
    /// writes nothing, so the commit log's fence never meets it: it is answered only once this activation proves it is
    /// still the line's latest writer (<see cref="GroupCommitter.ConfirmCurrent"/>). A stale duplicate activation left
    /// after a silo died must not deny an authorization another activation approved.
    /// </summary>
    private async Task Prepare<TResult>(AccountOperation<TResult> operation, Caller caller)
    {
        try
        {
            await operation.Prepare(book, caller);
        }
        catch (SwitchException refusal) when (!refusal.IsRetryable)
        {
            await committer.ConfirmCurrent();
            throw;
        }
    }

    /// <summary>A read of the line whose not_found is answered only by its latest writer, as a prepare step's (see <see cref="Prepare"/>).</summary>
    public async Task<T> Confirmed<T>(Task<T> read)
    {
        try
        {
            return await read;
        }
        catch (NotFoundException)
        {
            await committer.ConfirmCurrent();
            throw;
        }
    }

    /// <summary>A claim whose answer was lost may or may not be stored: the request is retryable with its key.</summary>
    private async Task<KeyClaim> ClaimInNamespace(string channel, string idempotencyKey, string fingerprint)
    {
        try
        {
            return await keys.Claim(channel, idempotencyKey, owner, fingerprint);
        }
        catch (Exception exception) when (exception is not SwitchException)
        {
            throw new OutcomeUnknownException("The switch could not confirm this request's idempotency key. Retry with the same key; nothing took effect without it.");
        }
    }

    /// <summary>The line's now, on its clock (the switch's time plus its sandbox offset).</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Waits until everything decided so far is durable; a failed write leaves the grain to be dropped.</summary>
    public Task Durable() => committer.WhenDurable();
}
