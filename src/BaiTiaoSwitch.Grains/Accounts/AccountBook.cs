using System.Collections.Immutable;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The in-memory ledger of one credit line and every rule that moves its money. Every method is synchronous: a
/// decision reads and changes the balance in one step, with no await in between. The book also records what each
/// step changed, so the next journal entry carries exactly that.
/// </summary>
public sealed class AccountBook
{
    private const string AccountLevel = "a";
    private readonly Dictionary<string, AuthorizationRecord> authorizations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdempotencyRecord> idempotency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CardPolicy> cards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GrantPolicy> grants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VelocityCounter> counters = new(StringComparer.Ordinal);
    private readonly HashSet<string> changedAuthorizations = new(StringComparer.Ordinal);
    private readonly HashSet<string> removedAuthorizations = new(StringComparer.Ordinal);
    private readonly HashSet<string> changedIdempotency = new(StringComparer.Ordinal);
    private readonly HashSet<string> removedIdempotency = new(StringComparer.Ordinal);
    private readonly HashSet<string> changedCards = new(StringComparer.Ordinal);
    private readonly HashSet<string> changedGrants = new(StringComparer.Ordinal);
    private readonly HashSet<string> changedCounters = new(StringComparer.Ordinal);
    private readonly SwitchOptions options;
    private bool headerChanged;
    private int requestsSinceDelta;

    public AccountBook(string accountId, SwitchOptions options)
    {
        this.options = options;
        Header = AccountHeader.Unopened(accountId);
    }

    public AccountHeader Header { get; private set; }

    public long Version { get; private set; }

    public bool HasChanges => headerChanged || changedAuthorizations.Count + removedAuthorizations.Count + changedIdempotency.Count
        + removedIdempotency.Count + changedCards.Count + changedGrants.Count + changedCounters.Count > 0;

    public IReadOnlyDictionary<string, AuthorizationRecord> Authorizations => authorizations;

    public IReadOnlyDictionary<string, GrantPolicy> Grants => grants;

    public IReadOnlyDictionary<string, CardPolicy> Cards => cards;

    public int IdempotencyCount => idempotency.Count;

    public string Currency => Header.Currency;

    // Lifecycle

    public void Open(OpenAccountRequest request, HolderRecord holder, DateTimeOffset now) =>
        SetHeader(new AccountHeader(request.AccountId, AccountStatus.Active, request.CreditLimit.Currency, request.CreditLimit.Amount, 0, 0, 0, 0,
            request.CreditScore, holder, SpendLimits.None, 1, now, 0));

    public void SetStatus(AccountStatus status) => SetHeader(Header with { Status = status });

    public void SetCreditLimit(long creditLimit) => SetHeader(Header with { CreditLimit = creditLimit });

    public void SetLimits(SpendLimits limits) => SetHeader(Header with { Limits = limits });

    public void UpsertCard(CardPolicy policy)
    {
        if (!cards.TryGetValue(policy.CardId, out var current) || current.Revision <= policy.Revision)
        {
            cards[policy.CardId] = policy;
            changedCards.Add(policy.CardId);
        }
    }

    public void UpsertGrant(GrantPolicy policy)
    {
        if (!grants.TryGetValue(policy.GrantId, out var current) || current.Revision <= policy.Revision)
        {
            grants[policy.GrantId] = policy;
            changedGrants.Add(policy.GrantId);
        }
    }

    // Idempotency

    public IdempotencyRecord? FindRequest(string scope) => idempotency.GetValueOrDefault(scope);

    public void RecordRequest(IdempotencyRecord record)
    {
        idempotency[record.Scope] = record;
        changedIdempotency.Add(record.Scope);
        removedIdempotency.Remove(record.Scope);
        requestsSinceDelta++;
    }

    // Money

    /// <summary>Decides an authorization in one step. Approval places a hold; a decline is recorded with its reason.</summary>
    public AuthorizationRecord Authorize(string channel, AuthorizeCommand command, DateTimeOffset now)
    {
        var windows = LimitWindows.At(now, options.LimitWindowUtcOffset);
        var grant = grants.GetValueOrDefault(command.GrantId);
        var reason = Decide(grant, command.CardId, command.Merchant.Mcc, command.Amount.Amount, countsAsNew: true, windows, now);
        var sequence = Header.NextSequence;
        var id = PaymentIds.Authorization(command.GrantId, sequence);
        var header = Header with { NextSequence = checked(sequence + 1) };
        if (reason is null)
        {
            header = header with { Pending = checked(header.Pending + command.Amount.Amount), OpenHolds = header.OpenHolds + 1 };
            Count(command.GrantId, command.CardId, command.Amount.Amount, 1, windows);
        }

        SetHeader(header);
        var record = new AuthorizationRecord(id, sequence, command.GrantId, command.CardId, channel,
            reason is null ? AuthorizationStatus.Pending : AuthorizationStatus.Declined, reason, command.Amount.Amount, 0, 0, 0, now,
            now + options.HoldPeriod, reason is null ? null : now, windows.DayKey, windows.MonthKey, [], header.Available);
        Put(record);
        return record;
    }

    /// <summary>A reversal whose authorization has not arrived: a reversed, zero-amount record the late authorization will get.</summary>
    public AuthorizationRecord Tombstone(string channel, string grantId, DateTimeOffset now)
    {
        var windows = LimitWindows.At(now, options.LimitWindowUtcOffset);
        var sequence = Header.NextSequence;
        SetHeader(Header with { NextSequence = checked(sequence + 1) });
        var cardId = grants.GetValueOrDefault(grantId)?.CardId ?? "";
        var record = new AuthorizationRecord(PaymentIds.Authorization(grantId, sequence), sequence, grantId, cardId, channel,
            AuthorizationStatus.Reversed, null, 0, 0, 0, 0, now, now, now, windows.DayKey, windows.MonthKey, [], Header.Available);
        Put(record);
        return record;
    }

    /// <summary>Adds to an open hold, under the same rules as a new authorization (but it is not counted as a new one).</summary>
    public AuthorizationRecord Increment(AuthorizationRecord authorization, long amount, DateTimeOffset now)
    {
        RequireOpen(authorization, now);
        var windows = LimitWindows.At(now, options.LimitWindowUtcOffset);
        var grant = grants.GetValueOrDefault(authorization.GrantId);
        var reason = Decide(grant, authorization.CardId, mcc: null, amount, countsAsNew: false, windows, now, perTransactionTotal: checked(authorization.Amount + amount));
        if (reason is not null)
        {
            return authorization with { Reason = reason, AvailableAfter = Header.Available };
        }

        SetHeader(Header with { Pending = checked(Header.Pending + amount) });
        Count(authorization.GrantId, authorization.CardId, amount, 0, windows);
        var record = authorization with { Amount = checked(authorization.Amount + amount), Reason = null, AvailableAfter = Header.Available };
        Put(record);
        return record;
    }

    /// <summary>
    /// Posts a capture. Within the hold it converts held credit into posted; above the hold, or after expiry, it is
    /// forced: it posts anyway and is recorded as over-limit.
    /// </summary>
    public (AuthorizationRecord Authorization, CaptureRecord Capture) Capture(AuthorizationRecord authorization, long amount, bool final, DateTimeOffset now)
    {
        ExpireIfDue(authorization, now, out authorization);
        if (authorization.Status is not (AuthorizationStatus.Pending or AuthorizationStatus.Expired))
        {
            throw new OperationRejectedException(ErrorCodes.AuthorizationNotOpen, $"Authorization is {authorization.Status.ToString().ToLowerInvariant()}; only a pending or expired authorization can be captured.");
        }

        var held = authorization.Held;
        var fromHold = Math.Min(amount, held);
        var forced = checked(amount - fromHold);
        var captured = checked(authorization.Captured + amount);
        var closes = authorization.Status == AuthorizationStatus.Pending && (final || captured + authorization.Reversed >= authorization.Amount);
        var released = closes ? held - fromHold : 0;
        var header = Header with
        {
            Pending = checked(Header.Pending - fromHold - released),
            Posted = checked(Header.Posted + amount),
            OverLimitAmount = checked(Header.OverLimitAmount + forced),
            OverLimitCount = Header.OverLimitCount + (forced > 0 ? 1 : 0),
            OpenHolds = Header.OpenHolds - (closes ? 1 : 0),
        };
        SetHeader(header);
        var capture = new CaptureRecord(PaymentIds.Capture(authorization.AuthorizationId, authorization.Captures.Length + 1), amount, forced > 0, now, 0, 0);
        var record = authorization with
        {
            Captured = captured,
            Status = closes ? AuthorizationStatus.Closed : authorization.Status,
            ClosedAt = closes ? now : authorization.ClosedAt,
            Captures = authorization.Captures.Add(capture),
            AvailableAfter = header.Available,
        };
        Put(record);
        return (record, capture);
    }

    /// <summary>Releases <paramref name="amount"/> of the hold, or all that remains when null.</summary>
    public AuthorizationRecord Reverse(AuthorizationRecord authorization, long? amount, DateTimeOffset now)
    {
        RequireOpen(authorization, now);
        var held = authorization.Held;
        var release = amount ?? held;
        if (release > held)
        {
            throw new OperationRejectedException(ErrorCodes.ReversalExceedsRemaining, $"Only {held} minor units remain on this hold; reverse at most that.");
        }

        var reversed = checked(authorization.Reversed + release);
        var closes = authorization.Captured + reversed >= authorization.Amount;
        SetHeader(Header with { Pending = checked(Header.Pending - release), OpenHolds = Header.OpenHolds - (closes ? 1 : 0) });
        ReleaseVelocity(authorization, release);
        var record = authorization with
        {
            Reversed = reversed,
            Status = closes ? (authorization.Captured > 0 ? AuthorizationStatus.Closed : AuthorizationStatus.Reversed) : AuthorizationStatus.Pending,
            ClosedAt = closes ? now : null,
            AvailableAfter = Header.Available,
        };
        Put(record);
        return record;
    }

    /// <summary>Gives captured money back to the line. The total refunded never exceeds what was captured.</summary>
    public (AuthorizationRecord Authorization, Refund Refund) Refund(AuthorizationRecord authorization, string captureId, long amount, DateTimeOffset now)
    {
        var index = authorization.Captures.IndexOf(authorization.Captures.FirstOrDefault(capture => capture.CaptureId == captureId)!);
        if (index < 0)
        {
            throw new NotFoundException("No such capture.");
        }

        var capture = authorization.Captures[index];
        if (amount > capture.Amount - capture.Refunded)
        {
            throw new OperationRejectedException(ErrorCodes.RefundExceedsCaptured, $"Only {capture.Amount - capture.Refunded} minor units of this capture are left to refund.");
        }

        SetHeader(Header with { Posted = checked(Header.Posted - amount) });
        var updated = capture with { Refunded = checked(capture.Refunded + amount), Refunds = capture.Refunds + 1 };
        var record = authorization with
        {
            Refunded = checked(authorization.Refunded + amount),
            Captures = authorization.Captures.SetItem(index, updated),
            AvailableAfter = Header.Available,
        };
        Put(record);
        return (record, new Refund(PaymentIds.Refund(captureId, updated.Refunds), captureId, new Money(amount, Currency), now));
    }

    /// <summary>Expires every hold whose period has ended, exactly once each. Returns how many expired.</summary>
    public int ExpireDue(DateTimeOffset now)
    {
        var due = authorizations.Values.Where(record => record.Status == AuthorizationStatus.Pending && record.ExpiresAt <= now).ToList();
        foreach (var record in due)
        {
            ExpireIfDue(record, now, out _);
        }

        return due.Count;
    }

    /// <summary>The closed records older than the retention, oldest first, at most <paramref name="countMax"/>.</summary>
    public IReadOnlyList<AuthorizationRecord> ArchivableAt(DateTimeOffset now, int countMax) =>
        authorizations.Values
            .Where(record => record.Status != AuthorizationStatus.Pending && record.ClosedAt is { } closed && closed + options.ClosedAuthorizationRetention <= now)
            .OrderBy(record => record.Sequence)
            .Take(countMax)
            .ToList();

    public void Remove(IEnumerable<AuthorizationRecord> archived)
    {
        foreach (var record in archived)
        {
            if (authorizations.TryGetValue(record.AuthorizationId, out var current) && current == record)
            {
                authorizations.Remove(record.AuthorizationId);
                changedAuthorizations.Remove(record.AuthorizationId);
                removedAuthorizations.Add(record.AuthorizationId);
            }
        }
    }

    /// <summary>Brings an archived record back into hot state (a late refund on an old capture).</summary>
    public void Restore(AuthorizationRecord record)
    {
        if (!authorizations.ContainsKey(record.AuthorizationId))
        {
            Put(record);
        }
    }

    public int PruneIdempotency(DateTimeOffset now)
    {
        var old = idempotency.Values.Where(record => record.CreatedAt + options.IdempotencyRetention <= now).Select(record => record.Scope).ToList();
        foreach (var scope in old)
        {
            idempotency.Remove(scope);
            changedIdempotency.Remove(scope);
            removedIdempotency.Add(scope);
        }

        return old.Count;
    }

    public AccountSnapshot ToSnapshot()
    {
        var currency = Currency;
        return new AccountSnapshot(Header.AccountId, Header.Status, new Money(Header.CreditLimit, currency), new Money(Header.Available, currency),
            new Money(Header.Pending, currency), new Money(Header.Posted, currency), new Money(Header.OverLimitAmount, currency),
            Header.OverLimitCount, Header.OpenHolds, Header.CreditScore);
    }

    // Journal

    /// <summary>Takes everything changed since the last call as the next journal entry, and clears the change set.</summary>
    public AccountImage TakeChanges()
    {
        var image = new AccountImage
        {
            Version = ++Version,
            Header = Header,
            Authorizations = changedAuthorizations.Select(id => authorizations[id]).ToList(),
            RemovedAuthorizations = [.. removedAuthorizations],
            Idempotency = changedIdempotency.Select(scope => idempotency[scope]).ToList(),
            RemovedIdempotency = [.. removedIdempotency],
            Cards = changedCards.Select(id => cards[id]).ToList(),
            Grants = changedGrants.Select(id => grants[id]).ToList(),
            Counters = changedCounters.ToDictionary(key => key, key => counters[key], StringComparer.Ordinal),
            Requests = requestsSinceDelta,
        };
        ClearChanges();
        return image;
    }

    /// <summary>A full image of the line at the current version. Values are immutable, so this is a shallow copy.</summary>
    public AccountImage ToImage() => new()
    {
        Version = Version,
        Header = Header,
        Authorizations = [.. authorizations.Values],
        Idempotency = [.. idempotency.Values],
        Cards = [.. cards.Values],
        Grants = [.. grants.Values],
        Counters = new Dictionary<string, VelocityCounter>(counters, StringComparer.Ordinal),
    };

    /// <summary>Replays a snapshot or journal entry. Applying the same entries in order always gives the same book.</summary>
    public void Apply(AccountImage image)
    {
        Version = image.Version;
        Header = image.Header ?? Header;
        foreach (var record in image.Authorizations)
        {
            authorizations[record.AuthorizationId] = record;
        }

        foreach (var id in image.RemovedAuthorizations)
        {
            authorizations.Remove(id);
        }

        foreach (var record in image.Idempotency)
        {
            idempotency[record.Scope] = record;
        }

        foreach (var scope in image.RemovedIdempotency)
        {
            idempotency.Remove(scope);
        }

        foreach (var card in image.Cards)
        {
            cards[card.CardId] = card;
        }

        foreach (var grant in image.Grants)
        {
            grants[grant.GrantId] = grant;
        }

        foreach (var (key, counter) in image.Counters)
        {
            counters[key] = counter;
        }

        ClearChanges();
    }

    // Rules

    private DeclineReason? Decide(GrantPolicy? grant, string cardId, string? mcc, long amount, bool countsAsNew, LimitWindows windows, DateTimeOffset now, long? perTransactionTotal = null)
    {
        if (grant is null || grant.Status != GrantStatus.Active || grant.ExpiresAt <= now || grant.CardId != cardId)
        {
            return DeclineReason.GrantNotActive;
        }

        if (!cards.TryGetValue(cardId, out var card) || card.Status != CardStatus.Active)
        {
            return DeclineReason.CardNotActive;
        }

        if (Header.Status != AccountStatus.Active)
        {
            return DeclineReason.AccountNotActive;
        }

        if (mcc is not null && grant.BlockedMccs.Contains(mcc))
        {
            return DeclineReason.MerchantCategoryBlocked;
        }

        var levels = new (SpendLimits Limits, string Key)[] { (grant.Limits, GrantLevel(grant.GrantId)), (card.Limits, CardLevel(cardId)), (Header.Limits, AccountLevel) };
        var transactionAmount = perTransactionTotal ?? amount;
        if (levels.Any(level => transactionAmount > level.Limits.PerTransactionMax))
        {
            return DeclineReason.ExceedsTransactionLimit;
        }

        var count = countsAsNew ? 1 : 0;
        var usage = levels.Select(level => (level.Limits, Counter: counters.GetValueOrDefault(level.Key, VelocityCounter.Empty).In(windows.DayKey, windows.MonthKey))).ToArray();
        if (usage.Any(level => checked(level.Counter.DayAmount + amount) > level.Limits.DailyAmountMax))
        {
            return DeclineReason.ExceedsDailyAmount;
        }

        if (usage.Any(level => level.Counter.DayCount + count > level.Limits.DailyCountMax))
        {
            return DeclineReason.ExceedsDailyCount;
        }

        if (usage.Any(level => checked(level.Counter.MonthAmount + amount) > level.Limits.MonthlyAmountMax))
        {
            return DeclineReason.ExceedsMonthlyAmount;
        }

        if (usage.Any(level => level.Counter.MonthCount + count > level.Limits.MonthlyCountMax))
        {
            return DeclineReason.ExceedsMonthlyCount;
        }

        if (checked(Header.Pending + Header.Posted + amount) > Header.CreditLimit)
        {
            return DeclineReason.InsufficientCredit;
        }

        if (countsAsNew && Header.OpenHolds >= options.OpenHoldsMax)
        {
            return DeclineReason.RiskDeclined;
        }

        return null;
    }

    private void Count(string grantId, string cardId, long amount, int count, LimitWindows windows)
    {
        foreach (var key in new[] { GrantLevel(grantId), CardLevel(cardId), AccountLevel })
        {
            SetCounter(key, counters.GetValueOrDefault(key, VelocityCounter.Empty).In(windows.DayKey, windows.MonthKey).Add(amount, count));
        }
    }

    private void ReleaseVelocity(AuthorizationRecord authorization, long amount)
    {
        foreach (var key in new[] { GrantLevel(authorization.GrantId), CardLevel(authorization.CardId), AccountLevel })
        {
            if (counters.TryGetValue(key, out var counter))
            {
                SetCounter(key, counter.Release(amount, authorization.DayKey, authorization.MonthKey));
            }
        }
    }

    private void RequireOpen(AuthorizationRecord authorization, DateTimeOffset now)
    {
        ExpireIfDue(authorization, now, out authorization);
        if (authorization.Status != AuthorizationStatus.Pending)
        {
            throw new OperationRejectedException(ErrorCodes.AuthorizationNotOpen, $"Authorization is {authorization.Status.ToString().ToLowerInvariant()}; only a pending authorization can be changed.");
        }
    }

    private bool ExpireIfDue(AuthorizationRecord authorization, DateTimeOffset now, out AuthorizationRecord current)
    {
        current = authorizations.GetValueOrDefault(authorization.AuthorizationId, authorization);
        if (current.Status != AuthorizationStatus.Pending || current.ExpiresAt > now)
        {
            return false;
        }

        SetHeader(Header with { Pending = checked(Header.Pending - current.Held), OpenHolds = Header.OpenHolds - 1 });
        current = current with { Status = AuthorizationStatus.Expired, ClosedAt = now, AvailableAfter = Header.Available };
        Put(current);
        return true;
    }

    private void Put(AuthorizationRecord record)
    {
        authorizations[record.AuthorizationId] = record;
        changedAuthorizations.Add(record.AuthorizationId);
        removedAuthorizations.Remove(record.AuthorizationId);
    }

    private void SetCounter(string key, VelocityCounter counter)
    {
        counters[key] = counter;
        changedCounters.Add(key);
    }

    private void SetHeader(AccountHeader header)
    {
        Header = header;
        headerChanged = true;
    }

    private void ClearChanges()
    {
        changedAuthorizations.Clear();
        removedAuthorizations.Clear();
        changedIdempotency.Clear();
        removedIdempotency.Clear();
        changedCards.Clear();
        changedGrants.Clear();
        changedCounters.Clear();
        headerChanged = false;
        requestsSinceDelta = 0;
    }

    private static string GrantLevel(string grantId) => "g:" + grantId;

    private static string CardLevel(string cardId) => "c:" + cardId;
}
