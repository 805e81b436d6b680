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

/// <summary>One hot statement: its fixed figures, what was repaid since its cut, and its late fees.</summary>
[GenerateSerializer, Alias("bts.StatementEntry")]
public sealed class StatementEntry
{
    [Id(0)] public Statement Statement { get; set; } = null!;

    /// <summary>Every fen repaid on the line since this statement was cut (principal and fees).</summary>
    [Id(1)] public long RepaidSinceCut { get; set; }

    [Id(2)] public long PrincipalRepaidSinceCut { get; set; }

    /// <summary>The late fees charged on this statement; null until it went overdue.</summary>
    [Id(3)] public LateFeeAccrual? Accrual { get; set; }

    [Id(4)] public long LateFeesPaid { get; set; }

    public long LateFeesOwed => Accrual is null ? 0 : Math.Max(0, checked(Accrual.Charged - LateFeesPaid));
}

/// <summary>One plan not yet finished: the plan, how many of its periods were billed, and what each period has had paid.</summary>
[GenerateSerializer, Alias("bts.PlanEntry")]
public sealed class PlanEntry
{
    [Id(0)] public InstallmentPlan Plan { get; set; } = null!;

    [Id(1)] public int BilledPeriods { get; set; }

    /// <summary>Principal paid per period (index = period − 1).</summary>
    [Id(2)] public List<long> PrincipalPaid { get; set; } = [];

    /// <summary>Fee paid per period (index = period − 1).</summary>
    [Id(3)] public List<long> FeePaid { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("bts.CutAcknowledgement")]
public sealed record CutAcknowledgement(
    [property: Id(0)] DateOnly CutDate,
    [property: Id(1)] IReadOnlyList<PlanBilled> PlansBilled,
    [property: Id(2)] long RefundsThrough);

[GenerateSerializer, Alias("bts.CreditIntentKind")]
public enum CreditIntentKind
{
    Plan = 0,
    Repayment = 1,
}

/// <summary>
/// A change of the line the credit grain has promised and the account may or may not have made yet: stored before the
/// account is called, and re-driven with the same account key (on activation, by the reminder, before every
/// operation) until the account answers, so a crash between the two grains never leaves them apart.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.CreditIntent")]
public sealed record CreditIntent(
    [property: Id(0)] CreditIntentKind Kind,
    [property: Id(1)] string Scope,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] string AccountKey,
    [property: Id(4)] InstallmentPlan? Plan,
    [property: Id(5)] long Amount,
    [property: Id(6)] RepaymentOwed? Owed);

/// <summary>The answer of a keyed request (the plan it made, or the repayment), kept so a retry gets the same.</summary>
[GenerateSerializer, Immutable, Alias("bts.CreditAnswer")]
public sealed record CreditAnswer(
    [property: Id(0)] string Scope,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] string? PlanId,
    [property: Id(3)] Repayment? Repayment);
