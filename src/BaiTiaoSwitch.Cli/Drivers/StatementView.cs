namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>A statement (账单) as API.md shows it, in fen. The period is [PeriodStart, PeriodEnd); DueDate is a China date.</summary>
public sealed record StatementView(
    string StatementId,
    string AccountId,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateOnly DueDate,
    long PreviousBalance,
    long Purchases,
    long Refunds,
    long InstallmentsDue,
    long Fees,
    long Repayments,
    long Corrections,
    long NewBalance,
    long MinimumDue,
    long Paid,
    string Status);
