namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// A change set or a full image of a line at one version. A journal entry carries the header and only what the batch
/// changed; a snapshot carries everything. Replaying entries over a snapshot rebuilds the line exactly.
/// </summary>
[GenerateSerializer, Alias("bts.AccountImage")]
public sealed class AccountImage
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public AccountHeader? Header { get; set; }

    [Id(2)] public List<AuthorizationRecord> Authorizations { get; set; } = [];

    [Id(3)] public List<string> RemovedAuthorizations { get; set; } = [];

    [Id(4)] public List<IdempotencyRecord> Idempotency { get; set; } = [];

    [Id(5)] public List<string> RemovedIdempotency { get; set; } = [];

    [Id(6)] public List<CardPolicy> Cards { get; set; } = [];

    [Id(7)] public List<GrantPolicy> Grants { get; set; } = [];

    [Id(8)] public Dictionary<string, VelocityCounter> Counters { get; set; } = [];

    /// <summary>How many requests this batch made durable (for metrics).</summary>
    [Id(9)] public int Requests { get; set; }

    [Id(10)] public List<AccountAlert> Alerts { get; set; } = [];

    [Id(11)] public List<string> RemovedAlerts { get; set; } = [];

    /// <summary>In a snapshot: journal versions up to this one were deleted before it was written.</summary>
    [Id(12)] public long JournalPrunedThrough { get; set; }

    /// <summary>In a snapshot: its own size in Orleans' binary format, which sets when the next one is due.</summary>
    [Id(13)] public long SerializedBytes { get; set; }

    /// <summary>In a journal entry: the events its batch made (the outbox). They are published once the entry is durable.</summary>
    [Id(14)] public List<Events.SwitchEvent> Events { get; set; } = [];

    /// <summary>The line's risk profile (amount sketch, countries), when the batch changed it; whole in a snapshot.</summary>
    [Id(15)] public Risk.RiskProfile? Risk { get; set; }

    /// <summary>Slots of the line's ring of recent approvals the batch wrote; the whole ring in a snapshot.</summary>
    [Id(16)] public Dictionary<string, Risk.RecentPayment> RecentPayments { get; set; } = [];

    /// <summary>Slots of the ring the batch dropped (only when the ring was made smaller).</summary>
    [Id(17)] public List<string> RemovedRecentPayments { get; set; } = [];

    /// <summary>The credit-product state the batch changed (period buckets, plans, plan refunds); all of it in a snapshot.</summary>
    [Id(18)] public CreditImage? Credit { get; set; }
}
