namespace BaiTiaoSwitch.Accounts;

/// <summary>Settings of the switch's business rules. Every queue, batch and retention has a named bound.</summary>
public sealed class SwitchOptions
{
    /// <summary>How long an uncaptured hold keeps its credit before it expires.</summary>
    public TimeSpan HoldPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Offset of the calendar used for day and month limit windows: China Standard Time (UTC+8) by default.</summary>
    public TimeSpan LimitWindowUtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long idempotency records stay in the account's hot state (at least 24 h; replays within it return the original).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How long closed, reversed, expired and declined authorizations stay in hot state before they are archived.</summary>
    public TimeSpan ClosedAuthorizationRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>When false, every request waits for its own storage write (one write per request): for comparison only.</summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>Requests that may wait on one line for durability before new ones are refused as overloaded.</summary>
    public int CommitQueueMax { get; set; } = 20_000;

    /// <summary>Requests one journal write may carry; later ones wait for the next write. Bounds the entity size (Azure Table: 1 MB).</summary>
    public int BatchRequestsMax { get; set; } = 256;

    /// <summary>A full snapshot of the account is written after this many journal batches.</summary>
    public int SnapshotEveryBatches { get; set; } = 128;

    /// <summary>Open holds one line may carry; past it new authorizations are declined with risk_declined.</summary>
    public int OpenHoldsMax { get; set; } = 100_000;

    /// <summary>How often the hold-expiry reminder runs (Orleans reminders: one minute or more in production).</summary>
    public TimeSpan HoldSweepPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The card BIN (issuer identification number): 6 or 8 digits.</summary>
    public string CardBin { get; set; } = "62123400";

    public int CardValidityMonths { get; set; } = 36;

    /// <summary>Wallet channels the switch knows. Grants are made only for these.</summary>
    public List<string> Channels { get; set; } = ["alipay", "wechatpay"];

    /// <summary>Lowest credit score that may bind a card to a wallet.</summary>
    public int MinimumCreditScore { get; set; } = 600;
}
