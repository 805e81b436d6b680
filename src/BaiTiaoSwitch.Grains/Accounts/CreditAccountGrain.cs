using System.Security.Cryptography;
using System.Text;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The one writer of a credit line. Reentrant so that many requests can wait on one storage write (group commit),
/// yet every decision runs in one synchronous step against <see cref="AccountBook"/>: no await between reading the
/// balance and changing it.
/// </summary>
[Reentrant]
public sealed partial class CreditAccountGrain : Grain, ICreditAccountGrain, IRemindable
{
    private const string SweepReminder = "hold-sweep";
    private const int ArchiveBatchMax = 4096;
    private readonly SwitchOptions options;
    private readonly TimeProvider clock;
    private readonly FieldProtector protector;
    private readonly ILogger<CreditAccountGrain> logger;
    private readonly AccountBook book;
    private readonly AccountJournal journal;
    private readonly GroupCommitter committer;
    private readonly SemaphoreSlim? oneAtATime;
    private Task? snapshotWrite;

    public CreditAccountGrain(IServiceProvider services, IOptions<SwitchOptions> options, TimeProvider clock, FieldProtector protector, ILogger<CreditAccountGrain> logger)
    {
        this.options = options.Value;
        this.clock = clock;
        this.protector = protector;
        this.logger = logger;
        var accountId = this.GetPrimaryKeyString();
        book = new AccountBook(accountId, this.options);
        journal = new AccountJournal(accountId, services);
        committer = new GroupCommitter(book, WriteBatch, OnWriteFailed, this.options.CommitQueueMax, this.options.BatchRequestsMax);
        oneAtATime = this.options.GroupCommit ? null : new SemaphoreSlim(1, 1);
    }

    private DateTimeOffset Now => clock.GetUtcNow();

    private string Currency => book.Currency;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var replayed = await journal.Load(book, cancellationToken);
        LogLoaded(book.Header.AccountId, book.Version, replayed);
    }

    // Lifecycle

    // The lifecycle keys are checked and passed along; recording them is the per-channel key store's (issue 6, section 3).
    public async Task<AccountSnapshot> Open(string idempotencyKey, OpenAccountRequest request)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        if (request is null || request.AccountId != this.GetPrimaryKeyString())
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'accountId' must be the id of the account being opened.");
        }

        Ids.Require(request.AccountId, "accountId");
        request.Holder?.Validated();
        var limit = MoneyRules.RequirePositive(request.CreditLimit, "creditLimit");
        if (request.Holder is null || request.CreditScore is < 0 or > 1000)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'holder' is required and 'creditScore' must be from 0 to 1000.");
        }

        if (book.Header.IsOpened)
        {
            await committer.WhenDurable();
            var same = book.Header.Holder!.Matches(request.Holder, protector) && book.Header.CreditScore == request.CreditScore && book.Currency == limit.Currency;
            return same ? book.ToSnapshot() : throw new OperationRejectedException(ErrorCodes.AccountExists, "An account with this id is already open with other details; choose another account id.");
        }

        book.Open(request, HolderRecord.Protect(request.Holder, protector), Now);
        await committer.WhenDurable();
        await this.RegisterOrUpdateReminder(SweepReminder, options.HoldSweepPeriod, options.HoldSweepPeriod);
        return book.ToSnapshot();
    }

    public async Task<AccountSnapshot> GetSnapshot()
    {
        RequireOpened();
        var snapshot = book.ToSnapshot();
        await committer.WhenDurable();
        return snapshot;
    }

    public Task<AccountSnapshot> Freeze(string idempotencyKey) => Transition(idempotencyKey, AccountStatus.Frozen, AccountStatus.Active, AccountStatus.Frozen);

    public Task<AccountSnapshot> Unfreeze(string idempotencyKey) => Transition(idempotencyKey, AccountStatus.Active, AccountStatus.Active, AccountStatus.Frozen);

    public Task<AccountSnapshot> Close(string idempotencyKey) => Transition(idempotencyKey, AccountStatus.Closed, AccountStatus.Active, AccountStatus.Frozen, AccountStatus.Closed);

    public async Task<AccountSnapshot> ChangeCreditLimit(string idempotencyKey, Money creditLimit)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        RequireOpened();
        var limit = RequireCurrency(MoneyRules.RequirePositive(creditLimit, "creditLimit"), "creditLimit");
        book.SetCreditLimit(limit.Amount);
        await committer.WhenDurable();
        return book.ToSnapshot();
    }

    public async Task<AccountSnapshot> SetLimits(string idempotencyKey, SpendLimits limits)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        RequireOpened();
        book.SetLimits((limits ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'limits' is required.")).Validated("limits"));
        await committer.WhenDurable();
        return book.ToSnapshot();
    }

    public async Task<HolderCheck> CheckHolder(Holder candidate)
    {
        // Holder, status and score change only through lifecycle calls; the answer waits until what it read is durable.
        var header = book.Header;
        if (!header.IsOpened || candidate is null)
        {
            return new HolderCheck(false, false, header.Status, 0);
        }

        var matches = header.Holder!.Matches(candidate, protector);
        await committer.WhenDurable();
        return new HolderCheck(true, matches, header.Status, header.CreditScore);
    }

    public async Task UpsertCardPolicy(CardPolicy policy)
    {
        RequireOpened();
        book.UpsertCard(policy);
        await committer.WhenDurable();
    }

    public async Task UpsertGrantPolicy(GrantPolicy policy)
    {
        RequireOpened();
        book.UpsertGrant(policy);
        await committer.WhenDurable();
    }

    // Money

    public async Task<Authorization> Authorize(string idempotencyKey, AuthorizeCommand command)
    {
        var caller = Caller(idempotencyKey);
        var amount = RequireCurrency(MoneyRules.RequirePositive(command?.Amount, "amount"), "amount");
        Ids.Require(command!.GrantId, "grantId");
        Ids.Require(command.CardId, "cardId");
        var merchant = (command.Merchant ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'merchant' is required.")).Validated();
        var fingerprint = Fingerprint(command.GrantId, amount.Amount, amount.Currency, merchant.Id, merchant.Name, merchant.Mcc, merchant.Country);
        using var turn = await Turn();
        var scope = IdempotencyRecord.ScopeOf(caller.Channel, idempotencyKey);
        if (book.FindRequest(scope) is { } existing)
        {
            return existing.Kind == OperationKind.Tombstone
                ? await Durable(existing.Authorization!)
                : await Replay(existing, OperationKind.Authorize, fingerprint, record => record.Authorization!);
        }

        RequireOwnGrant(caller, command.GrantId);
        var record = book.Authorize(caller.Channel, command with { Amount = amount, Merchant = merchant }, Now);
        var view = record.ToView(Currency);
        book.RecordRequest(new IdempotencyRecord(scope, OperationKind.Authorize, fingerprint, Now, view, null, null));
        return await Durable(view);
    }

    public async Task<Authorization> Increment(string idempotencyKey, string authorizationId, Money amount)
    {
        var caller = Caller(idempotencyKey);
        var money = RequireCurrency(MoneyRules.RequirePositive(amount, "amount"), "amount");
        var fingerprint = Fingerprint(Ids.Require(authorizationId, "authorizationId"), money.Amount, money.Currency);
        using var turn = await Turn();
        var scope = IdempotencyRecord.ScopeOf(caller.Channel, idempotencyKey);
        if (book.FindRequest(scope) is { } existing)
        {
            return await Replay(existing, OperationKind.Increment, fingerprint, record => record.Authorization!);
        }

        var authorization = await Find(caller, authorizationId);
        var result = book.Increment(authorization, money.Amount, Now);
        var view = result.ToView(Currency);
        if (result.Reason is not null)
        {
            view = view with { Decision = Decision.Declined };
        }

        book.RecordRequest(new IdempotencyRecord(scope, OperationKind.Increment, fingerprint, Now, view, null, null));
        return await Durable(view);
    }

    public async Task<Capture> Capture(string idempotencyKey, string authorizationId, Money amount, bool final)
    {
        var caller = Caller(idempotencyKey);
        var money = RequireCurrency(MoneyRules.RequirePositive(amount, "amount"), "amount");
        var fingerprint = Fingerprint(Ids.Require(authorizationId, "authorizationId"), money.Amount, money.Currency, final ? "final" : "partial");
        using var turn = await Turn();
        var scope = IdempotencyRecord.ScopeOf(caller.Channel, idempotencyKey);
        if (book.FindRequest(scope) is { } existing)
        {
            return await Replay(existing, OperationKind.Capture, fingerprint, record => record.Capture!);
        }

        var authorization = await Find(caller, authorizationId);
        var (_, capture) = book.Capture(authorization, money.Amount, final, Now);
        var view = capture.ToView(authorizationId, Currency);
        if (capture.OverLimit)
        {
            LogForcedPosting(book.Header.AccountId, authorizationId, money.Amount, book.Header.Available);
        }

        book.RecordRequest(new IdempotencyRecord(scope, OperationKind.Capture, fingerprint, Now, null, view, null));
        return await Durable(view);
    }

    public async Task<Authorization> Reverse(string idempotencyKey, string authorizationId, Money? amount)
    {
        var caller = Caller(idempotencyKey);
        var money = amount is null ? (Money?)null : RequireCurrency(MoneyRules.RequirePositive(amount, "amount"), "amount");
        var fingerprint = Fingerprint(Ids.Require(authorizationId, "authorizationId"), money?.Amount ?? -1, money?.Currency ?? "");
        using var turn = await Turn();
        var scope = IdempotencyRecord.ScopeOf(caller.Channel, idempotencyKey);
        if (book.FindRequest(scope) is { } existing)
        {
            return await Replay(existing, OperationKind.Reverse, fingerprint, record => record.Authorization!);
        }

        var authorization = await Find(caller, authorizationId);
        var view = book.Reverse(authorization, money?.Amount, Now).ToView(Currency);
        book.RecordRequest(new IdempotencyRecord(scope, OperationKind.Reverse, fingerprint, Now, view, null, null));
        return await Durable(view);
    }

    public async Task<Authorization> ReverseByRequest(string idempotencyKey, string grantId, string originalIdempotencyKey)
    {
        var caller = Caller(idempotencyKey);
        Ids.Require(grantId, "grantId");
        Ids.Require(originalIdempotencyKey, "originalIdempotencyKey");
        var fingerprint = Fingerprint("by-request", grantId, originalIdempotencyKey);
        using var turn = await Turn();
        var scope = IdempotencyRecord.ScopeOf(caller.Channel, idempotencyKey);
        if (book.FindRequest(scope) is { } existing)
        {
            return await Replay(existing, OperationKind.Reverse, fingerprint, record => record.Authorization!);
        }

        RequireOwnGrant(caller, grantId);
        var originalScope = IdempotencyRecord.ScopeOf(caller.Channel, originalIdempotencyKey);
        Authorization view;
        if (book.FindRequest(originalScope) is { Authorization: { } original } && book.Authorizations.TryGetValue(original.AuthorizationId, out var authorization))
        {
            view = authorization.Status == AuthorizationStatus.Pending ? book.Reverse(authorization, null, Now).ToView(Currency) : authorization.ToView(Currency);
        }
        else if (book.FindRequest(originalScope) is { Authorization: { } archived })
        {
            view = archived;
        }
        else
        {
            view = book.Tombstone(caller.Channel, grantId, Now).ToView(Currency);
            book.RecordRequest(new IdempotencyRecord(originalScope, OperationKind.Tombstone, "", Now, view, null, null));
        }

        book.RecordRequest(new IdempotencyRecord(scope, OperationKind.Reverse, fingerprint, Now, view, null, null));
        return await Durable(view);
    }

    public async Task<Refund> Refund(string idempotencyKey, string captureId, Money amount)
    {
        var caller = Caller(idempotencyKey);
        var money = RequireCurrency(MoneyRules.RequirePositive(amount, "amount"), "amount");
        var authorizationId = PaymentIds.AuthorizationIdOfCapture(Ids.Require(captureId, "captureId")) ?? throw new NotFoundException("No such capture.");
        var fingerprint = Fingerprint(captureId, money.Amount, money.Currency);
        using var turn = await Turn();
        var scope = IdempotencyRecord.ScopeOf(caller.Channel, idempotencyKey);
        if (book.FindRequest(scope) is { } existing)
        {
            return await Replay(existing, OperationKind.Refund, fingerprint, record => record.Refund!);
        }

        var authorization = await Find(caller, authorizationId);
        var (_, refund) = book.Refund(authorization, captureId, money.Amount, Now);
        book.RecordRequest(new IdempotencyRecord(scope, OperationKind.Refund, fingerprint, Now, null, null, refund));
        return await Durable(refund);
    }

    public async Task<Authorization> GetAuthorization(string authorizationId)
    {
        var caller = CurrentCaller.Require();
        var record = await Find(caller, Ids.Require(authorizationId, "authorizationId"), restore: false);
        await committer.WhenDurable();
        return book.Authorizations.GetValueOrDefault(record.AuthorizationId, record).ToView(Currency);
    }

    public async Task<int> ExpireHolds()
    {
        if (!book.Header.IsOpened)
        {
            return 0;
        }

        using var turn = await Turn();
        var now = Now;
        var expired = book.ExpireDue(now);
        book.PruneIdempotency(now);
        var archivable = book.ArchivableAt(now, ArchiveBatchMax);
        if (archivable.Count > 0)
        {
            await Task.WhenAll(archivable
                .GroupBy(record => IAuthorizationArchiveGrain.KeyOf(book.Header.AccountId, record.Sequence))
                .Select(segment => GrainFactory.GetGrain<IAuthorizationArchiveGrain>(segment.Key).Put(segment.ToList())));
            book.Remove(archivable);
        }

        await committer.WhenDurable();
        if (expired > 0)
        {
            LogExpired(book.Header.AccountId, expired);
        }

        return expired;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ExpireHolds();

    // Durability

    private async Task WriteBatch(AccountImage changes)
    {
        // The book is exactly at changes.Version here (nothing ran since TakeChanges), so this is the only moment a
        // consistent snapshot can be taken without a copy-on-write scheme.
        var image = snapshotWrite is null && changes.Version - journal.SnapshotVersion >= options.SnapshotEveryBatches ? book.ToImage() : null;
        await journal.Append(changes);
        if (image is not null)
        {
            snapshotWrite = WriteSnapshot(image);
        }
    }

    private async Task WriteSnapshot(AccountImage image)
    {
        try
        {
            await journal.WriteSnapshot(image);
        }
        catch (Exception exception)
        {
            LogSnapshotFailed(exception, book.Header.AccountId, image.Version);
        }
        finally
        {
            snapshotWrite = null;
        }
    }

    private void OnWriteFailed(Exception exception)
    {
        LogWriteFailed(exception, book.Header.AccountId, book.Version);
        DeactivateOnIdle();
    }

    private async Task<T> Durable<T>(T result)
    {
        await committer.WhenDurable();
        return result;
    }

    private async Task<T> Replay<T>(IdempotencyRecord existing, OperationKind kind, string fingerprint, Func<IdempotencyRecord, T> result)
    {
        if (existing.Kind != kind || existing.Fingerprint != fingerprint)
        {
            throw new IdempotencyKeyReusedException("This idempotency key was already used for a different request; use a new key for a new request.");
        }

        await committer.WhenDurable();
        return result(existing);
    }

    /// <summary>In group-commit mode every request proceeds at once; in one-write-per-request mode they queue here.</summary>
    private async Task<IDisposable?> Turn()
    {
        committer.EnsureCapacity();
        RequireOpened();
        if (oneAtATime is null)
        {
            await committer.WaitForRoom();
            committer.EnsureCapacity();
            return null;
        }

        await oneAtATime.WaitAsync();
        return new Release(oneAtATime);
    }

    /// <summary>Finds an authorization in hot state or the archive. A change to an archived one brings it back first.</summary>
    private async Task<AuthorizationRecord> Find(Caller caller, string authorizationId, bool restore = true)
    {
        if (!book.Authorizations.TryGetValue(authorizationId, out var record))
        {
            var sequence = SequenceOf(authorizationId);
            var archived = sequence is { } value ? await GrainFactory.GetGrain<IAuthorizationArchiveGrain>(IAuthorizationArchiveGrain.KeyOf(book.Header.AccountId, value)).Find(authorizationId) : null;
            if (archived is null)
            {
                throw new NotFoundException("No such authorization.");
            }

            if (restore)
            {
                book.Restore(archived);
            }

            record = book.Authorizations.GetValueOrDefault(authorizationId, archived);
        }

        if (!caller.IsIssuer && record.Channel != caller.Channel)
        {
            throw new NotFoundException("No such authorization.");
        }

        return record;
    }

    private void RequireOwnGrant(Caller caller, string grantId)
    {
        if (book.Grants.TryGetValue(grantId, out var grant) && !caller.IsIssuer && grant.Channel != caller.Channel)
        {
            throw new NotFoundException("No such grant.");
        }
    }

    private async Task<AccountSnapshot> Transition(string idempotencyKey, AccountStatus target, params AccountStatus[] from)
    {
        Ids.Require(idempotencyKey, "idempotencyKey");
        RequireOpened();
        if (!from.Contains(book.Header.Status))
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, $"A {book.Header.Status.ToString().ToLowerInvariant()} account cannot become {target.ToString().ToLowerInvariant()}.");
        }

        if (book.Header.Status != target)
        {
            book.SetStatus(target);
        }

        await committer.WhenDurable();
        return book.ToSnapshot();
    }

    private void RequireOpened()
    {
        if (!book.Header.IsOpened)
        {
            throw new NotFoundException("No such account.");
        }
    }

    private Money RequireCurrency(Money money, string field) =>
        !book.Header.IsOpened || money.Currency == Currency ? money : throw new InvalidRequestException(ErrorCodes.CurrencyNotSupported, $"'{field}.currency' must be the line's currency, {Currency}.");

    /// <summary>The proven caller of a money request (its keys are scoped by its channel), once its key is well-formed.</summary>
    private static Caller Caller(string idempotencyKey)
    {
        var caller = CurrentCaller.Require();
        Ids.Require(idempotencyKey, "idempotencyKey");
        return caller;
    }

    private static long? SequenceOf(string authorizationId)
    {
        var last = authorizationId.LastIndexOf('_');
        long value = 0;
        if (last < 0 || last == authorizationId.Length - 1)
        {
            return null;
        }

        foreach (var c in authorizationId.AsSpan(last + 1))
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterLower(c) ? c - 'a' + 10 : -1;
            if (digit < 0 || value > long.MaxValue / 36)
            {
                return null;
            }

            value = (value * 36) + digit;
        }

        return value;
    }

    private static string Fingerprint(params object[] parts)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)), hash);
        return Convert.ToHexString(hash[..16]);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Account {AccountId} loaded at version {Version} ({Replayed} journal entries replayed)")]
    private partial void LogLoaded(string accountId, long version, int replayed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT over-limit posting on account {AccountId}: capture of {Amount} on {AuthorizationId} was forced; available is now {Available}")]
    private partial void LogForcedPosting(string accountId, string authorizationId, long amount, long available);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: {Count} holds expired")]
    private partial void LogExpired(string accountId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId}: journal write after version {Version} failed; deactivating, waiting callers get outcome_unknown")]
    private partial void LogWriteFailed(Exception exception, string accountId, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: snapshot at version {Version} failed; the journal still holds every batch")]
    private partial void LogSnapshotFailed(Exception exception, string accountId, long version);
}
