namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The hot state of one account's credit grain: the plans not yet finished, the statements still kept hot (oldest
/// first), the late fees charged and not yet billed, the intents not yet finished, recent answers, and the last cut.
/// Every part is bounded by a named setting (<see cref="CreditOptions"/>); finished plans and closed statements go to
/// the archive (<see cref="ICreditArchiveGrain"/>).
/// </summary>
[GenerateSerializer, Alias("bts.CreditState")]
public sealed class CreditState
{
    /// <summary>The last statement cut (stored); null before the first. Cuts run strictly after it, in order, once each.</summary>
    [Id(0)] public DateOnly? LastCut { get; set; }

    [Id(1)] public List<PlanEntry> Plans { get; set; } = [];

    [Id(2)] public List<StatementEntry> Statements { get; set; } = [];

    /// <summary>Late fees charged and not yet billed: at most one movement per statement period (by its instant).</summary>
    [Id(3)] public List<CreditMovement> UnbilledFees { get; set; } = [];

    /// <summary>The account's plan refunds applied to the plans, through this sequence number.</summary>
    [Id(4)] public long RefundsAppliedThrough { get; set; }

    /// <summary>What the last cut told (or must tell) the account: re-sent until the account has acknowledged that cut.</summary>
    [Id(5)] public CutAcknowledgement? LastCutAck { get; set; }

    [Id(6)] public List<CreditIntent> Intents { get; set; } = [];

    [Id(7)] public List<CreditAnswer> Answers { get; set; } = [];

    /// <summary>Revolving principal billed on statements and not yet repaid (the repayment's statement-balance item).</summary>
    [Id(8)] public long StatementBalanceOwed { get; set; }

    /// <summary>The years whose archive segment holds statements of this account (oldest, newest); null when none.</summary>
    [Id(9)] public int? ArchivedYearFirst { get; set; }

    [Id(10)] public int? ArchivedYearLast { get; set; }

    /// <summary>Answers dropped from <see cref="Answers"/> (bounded): after one, a key claimed with no answer kept is not applied again.</summary>
    [Id(11)] public long AnswersDropped { get; set; }
}
