namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The in-memory state of one credit line and the change set of the batch being built. It holds no rules: the rules
/// (<see cref="AuthorizationDecision"/>, <see cref="Holds"/>, <see cref="Captures"/>, <see cref="LimitCounters"/>,
/// <see cref="RequestRecords"/>, <see cref="Archiving"/>) change it through these few mutators, synchronously.
/// </summary>
public sealed partial class AccountBook
{
    private readonly TrackedMap<AuthorizationRecord> authorizations = new();
    private readonly Dictionary<string, string> authorizationByRequest = new(StringComparer.Ordinal);
    private readonly List<Func<long, int, Events.SwitchEvent>> pendingEvents = [];
    private bool headerChanged;
    private bool riskChanged;

    public AccountBook(string accountId, SwitchOptions options)
    {
        Options = options;
        Header = AccountHeader.Unopened(accountId);
    }

    public SwitchOptions Options { get; }

    public AccountHeader Header { get; private set; }

    public long Version { get; private set; }

    public string Currency => Header.Currency;

    public IReadOnlyDictionary<string, AuthorizationRecord> Authorizations => authorizations.Values;

    public TrackedMap<IdempotencyRecord> Requests { get; } = new();

    public TrackedMap<CardPolicy> Cards { get; } = new();

    public TrackedMap<GrantPolicy> Grants { get; } = new();

    public TrackedMap<VelocityCounter> Counters { get; } = new();

    public TrackedMap<AccountAlert> Alerts { get; } = new();

    /// <summary>The risk engine's ring of recent approvals, by slot (see <see cref="Risk.RiskMemory"/>).</summary>
    public TrackedMap<Risk.RecentPayment> RecentPayments { get; } = new();

    /// <summary>Period buckets, plans and plan refunds of the line's credit products.</summary>
    public CreditBook Credit { get; } = new();

    /// <summary>The risk engine's profile of the holder (amount sketch, countries).</summary>
    public Risk.RiskProfile Risk { get; private set; } = BaiTiaoSwitch.Risk.RiskProfile.Empty;

    /// <summary>Requests decided since the last batch was taken (for metrics and the batch bound).</summary>
    public int RequestsInBatch { get; private set; }

    public bool HasChanges => headerChanged || pendingEvents.Count > 0 || authorizations.HasChanges || Requests.HasChanges || Cards.HasChanges
        || Grants.HasChanges || Counters.HasChanges || Alerts.HasChanges || riskChanged || RecentPayments.HasChanges
        || Credit.HasChanges;

    public void SetHeader(AccountHeader header)
    {
        Header = header;
        headerChanged = true;
    }

    public void SetRisk(Risk.RiskProfile profile)
    {
        Risk = profile;
        riskChanged = true;
    }

    /// <summary>Authorizations in hot state that are no longer pending (the ones archiving moves out).</summary>
    public int ClosedInHot { get; private set; }

    public void Put(AuthorizationRecord record)
    {
        var before = authorizations.Find(record.AuthorizationId);
        ClosedInHot += (IsClosed(record) ? 1 : 0) - (before is not null && IsClosed(before) ? 1 : 0);
        authorizations.Set(record.AuthorizationId, record);
        if (record.RequestScope is { } scope)
        {
            authorizationByRequest[scope] = record.AuthorizationId;
        }
    }

    public void Remove(AuthorizationRecord record)
    {
        var current = authorizations.Find(record.AuthorizationId);
        if (current is null || !authorizations.Remove(record.AuthorizationId))
        {
            return;
        }

        ClosedInHot -= IsClosed(current) ? 1 : 0;
        if (current.RequestScope is { } scope)
        {
            authorizationByRequest.Remove(scope);
        }
    }

    /// <summary>The authorization made by the request with this (channel, key) scope, while it is in hot state.</summary>
    public AuthorizationRecord? FindByRequest(string scope) =>
        authorizationByRequest.TryGetValue(scope, out var id) ? authorizations.Find(id) : null;

    public void CountRequest() => RequestsInBatch++;

    /// <summary>
    /// Adds an event to the batch being built; it gets its id (this line, the batch's version, its place) and goes in the
    /// batch's journal entry, so it is published only once durable, and published again after a crash if it was not.
    /// </summary>
    public void Emit(Func<string, DateTimeOffset, Events.SwitchEvent> make, DateTimeOffset at) =>
        pendingEvents.Add((version, index) => make(Events.SwitchEvent.IdOf(Header.AccountId, version, index), at));

    /// <summary>
    /// Marks the events of versions up to <paramref name="version"/> as published. It rides along with the next entry
    /// (the header is journaled whole) and makes no write of its own: until then a restart republishes, which consumers
    /// deduplicate.
    /// </summary>
    public void Published(long version)
    {
        if (version > Header.EventsPublishedThrough)
        {
            Header = Header with { EventsPublishedThrough = version };
        }
    }

    private static bool IsClosed(AuthorizationRecord record) => record.Status != Payments.AuthorizationStatus.Pending;
}
