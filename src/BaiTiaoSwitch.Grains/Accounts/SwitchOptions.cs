namespace BaiTiaoSwitch.Accounts;

/// <summary>Settings of the switch's business rules. Every queue, batch and retention has a named bound.</summary>
public sealed partial class SwitchOptions
{
    /// <summary>How long an uncaptured hold keeps its credit before it expires.</summary>
    public TimeSpan HoldPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Offset of the calendar used for day and month limit windows: China Standard Time (UTC+8) by default.</summary>
    public TimeSpan LimitWindowUtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long idempotency records stay in the account's hot state (at least 24 h; replays within it return the original).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Key records younger than this stay in the line's hot state; older ones move to the request archive.</summary>
    public TimeSpan IdempotencyHotWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Key records kept in hot state at most; beyond it the oldest move to the request archive early.</summary>
    public int IdempotencyHotMax { get; set; } = 100_000;

    /// <summary>
    /// Shards of each channel's key namespace (<c>RequestKeyShardGrain</c>s, each holding its keys of the retention in
    /// memory and appending them to its own blobs). Fewer make bigger appended blocks; more spread a busy channel's keys
    /// over silos and memory (<c>RequestKeys:HeldPerShardMax</c> each). Never change it on live data: a key is found in
    /// its shard.
    /// </summary>
    public int RequestKeyShards { get; set; } = 1;

    /// <summary>
    /// Events in one message of the event stream. An Azure Queue message holds at most 64 KiB of base64: about 220
    /// decision events of ~290 B each; a message refused as too large is split.
    /// </summary>
    public int OutboxEventsPerMessageMax { get; set; } = 128;

    /// <summary>
    /// How long the outbox waits, when it starts publishing, for more durable entries to join the first in one queue
    /// message. Delays events (never answers) by up to this; on a busy line one message then carries several entries
    /// (fewer puts, reads, deletes and decision-history appends). Entries a snapshot covers whose events were still
    /// lingering are pruned once published (<c>AccountStore.Published</c>).
    /// </summary>
    public TimeSpan OutboxLingerPeriod { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How often each event queue's pulling agent looks for messages while its queue is busy. With the idle bound below it
    /// is most of the cross-account verdicts' lag (a decision → every silo's cache, bound 250 ms).
    /// </summary>
    public TimeSpan EventPollPeriod { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Longest an idle event queue goes unread: after empty reads the agent waits longer each time, up to this. A publish
    /// wakes only its own silo's reader, so a decision on an idle queue that another silo reads waits up to this; it is
    /// kept well under the verdict lag bound. At 100 ms an idle queue costs 10 reads/s, as at Orleans' own period.
    /// </summary>
    public TimeSpan EventPollIdleMax { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Queue messages each pulling agent holds for delivery (its cache); past it the agent stops reading.</summary>
    public int EventCacheMessagesMax { get; set; } = 1_024;

    /// <summary>Journal entries a line keeps in memory waiting to be published; past it the line reloads and reads them back.</summary>
    public int OutboxPendingMax { get; set; } = 10_000;

    /// <summary>
    /// Outbox hand-overs (one per line at most) that wait in a silo for a put on one event stream; past it an outbox is
    /// refused and retries after its back-off.
    /// </summary>
    public int EventStreamWaitingMax { get; set; } = 10_000;

    /// <summary>
    /// How long a busy event stream of a silo waits between one put and the next, for more lines' entries to join the next
    /// message (<c>StreamMessagePacker</c>); a full message goes at once, and a put after the stream was quiet does not
    /// wait. It bounds a stream's message rate under load at one per put latency plus this, so each message carries more
    /// events: fewer puts, reads, deletes and decision-history appends per authorization. Delays events, never answers,
    /// and only under load.
    /// </summary>
    public TimeSpan EventStreamLingerPeriod { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Alerts the alert store keeps per event stream (there are <c>SwitchStreams.StreamCount</c>); past it the oldest leave.</summary>
    public int AlertsKeptPerStream { get; set; } = 10_000;

    /// <summary>Events each stream's replay buffer keeps for followers of <c>GET /v1/events</c> that resume (Last-Event-ID).</summary>
    public int EventReplayMax { get; set; } = 10_000;

    /// <summary>How often each channel's key namespace is swept of claims older than the key retention.</summary>
    public TimeSpan RequestKeySweepPeriod { get; set; } = TimeSpan.FromHours(1);


    /// <summary>How long closed, reversed, expired and declined authorizations stay in hot state before they are archived.</summary>
    public TimeSpan ClosedAuthorizationRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Requests that may wait on one line for durability before new ones are refused as overloaded.</summary>
    public int CommitQueueMax { get; set; } = 20_000;

    /// <summary>
    /// Requests one journal write may carry; later ones wait for the next write. Bounds the entity size (Azure Table:
    /// 1 MB). 1 gives one write per request (the benchmark's comparison).
    /// </summary>
    public int BatchRequestsMax { get; set; } = 256;

    /// <summary>
    /// A line's snapshot is written once its journal since the last one holds at least as many bytes as that snapshot,
    /// and at least this many (amortized: rewriting the whole line costs no more than the journal it replaces).
    /// </summary>
    public long SnapshotJournalBytesMin { get; set; } = 128 * 1024;

    /// <summary>
    /// The journal since a line's last snapshot never needs more than this many bytes to trigger the next one, however
    /// large the line's state (a line full of open holds): the journal rows a line keeps are bounded, at the cost of
    /// rewriting a state larger than this more often than its journal. At least <see cref="SnapshotJournalBytesMin"/>.
    /// </summary>
    public long SnapshotJournalBytesMax { get; set; } = 256 * 1024;

    /// <summary>
    /// Past the ceiling, a snapshot is still not due before the journal since the last one holds 1/this of the state's
    /// size: rewriting a line costs at most this many times the journal it replaces, however large its state. The
    /// journal a line keeps is then at most max(<see cref="SnapshotJournalBytesMax"/>, state / this).
    /// </summary>
    public int SnapshotRewriteRatioMax { get; set; } = 8;

    /// <summary>Open holds one line may carry; past it new authorizations are declined with risk_declined.</summary>
    public int OpenHoldsMax { get; set; } = 100_000;

    /// <summary>Closed authorizations kept in hot state at most; beyond it the oldest are archived before their retention ends.</summary>
    public int ClosedAuthorizationsHotMax { get; set; } = 10_000;

    /// <summary>
    /// Changes one step of the hold sweep makes (holds expired, records pruned or archived) before it waits for them to
    /// be durable; steps repeat until nothing is due. Bounds a journal entry (Azure Table: 1 MB).
    /// </summary>
    public int SweepBatchMax { get; set; } = 1_000;

    /// <summary>How far a capture may exceed its hold, as a percentage of the hold (0 forbids over-capture).</summary>
    public int OverCapturePercent { get; set; } = 15;

    /// <summary>The absolute cap on over-capture, in minor units, whatever the percentage gives.</summary>
    public long OverCaptureAmountMax { get; set; } = 50_000;

    /// <summary>Alerts the account keeps in its own state (the newest).</summary>
    public int AlertsMax { get; set; } = 1_000;

    /// <summary>How often the hold-expiry reminder runs (Orleans reminders: one minute or more in production).</summary>
    public TimeSpan HoldSweepPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an answer of a line waits for the line's reminder to be registered before it goes out anyway (the
    /// registration goes on, and is retried until it succeeds).
    /// </summary>
    public TimeSpan ReminderWaitMax { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The card BIN (issuer identification number): 6 or 8 digits.</summary>
    public string CardBin { get; set; } = "62123400";

    public int CardValidityMonths { get; set; } = 36;

    /// <summary>
    /// Answers to keyed lifecycle requests (freeze, suspend, revoke, limits, …) a card or grant keeps in its state, the
    /// newest. A replay of an older key answers the object as it is now and never applies the change again.
    /// </summary>
    public int LifecycleAnswersMax { get; set; } = 32;

    /// <summary>Live grants (pending, active, suspended) one card may carry; past it, a new grant is refused.</summary>
    public int CardGrantsMax { get; set; } = 64;

    /// <summary>Ended grants (revoked, expired) a card keeps listing, the most recently ended; older ones are only found by id.</summary>
    public int CardEndedGrantsMax { get; set; } = 32;

    /// <summary>A grant still pending verification after this long has ended (expired): binding never finished it.</summary>
    public TimeSpan PendingGrantLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Wallet channels the switch knows. Grants are made only for these.</summary>
    public List<string> Channels { get; set; } = ["alipay", "wechatpay"];

    /// <summary>Lowest credit score that may bind a card to a wallet.</summary>
    public int MinimumCreditScore { get; set; } = 600;

    /// <summary>The credit products' terms in force (installments, APR cap, statement days, late fees); checked by <c>CreditTermsValidator</c>.</summary>
    public Credit.CreditTerms CreditTerms { get; set; } = Credit.CreditTerms.Default;

    /// <summary>Statement periods not yet cut a line keeps totals for; a movement that would open one more is refused as overloaded until the credit grain cuts.</summary>
    public int CreditOpenPeriodsMax { get; set; } = 3;

    /// <summary>Installment plans with principal not yet billed one line may carry; past it a new plan is refused.</summary>
    public int ActivePlansMax { get; set; } = 100;

    /// <summary>Refunds on plan captures a line keeps for the credit grain until a cut acknowledges them; past it such a refund is refused as overloaded.</summary>
    public int PlanRefundsPendingMax { get; set; } = 1_000;

    /// <summary>The most one sandbox clock advance may move an account's clock.</summary>
    public TimeSpan SandboxClockAdvanceMax { get; set; } = TimeSpan.FromDays(400);
}
