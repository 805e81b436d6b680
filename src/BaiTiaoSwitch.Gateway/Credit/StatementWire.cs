using BaiTiaoSwitch.Credit;
using BaiTiaoSwitch.Gateway.Wire;

namespace BaiTiaoSwitch.Gateway.Credit;

/// <summary>
/// API.md Statement. <c>periodStart</c>, <c>periodEnd</c> and <c>createdAt</c> are instants (RFC 3339 UTC; the period is
/// [periodStart, periodEnd), ending at the cut: the end of the billing day in China time); <c>dueDate</c> is a date
/// (YYYY-MM-DD, China time: paid on time until the end of that day). <c>corrections</c> (the project's addition, zero
/// or negative) is the line where a statement already cut is corrected, e.g. a plan made on a purchase it billed, so
/// that <c>newBalance = previousBalance + purchases − refunds + installmentsDue + fees − repayments + corrections</c>.
/// </summary>
public sealed record StatementResponse(
    string StatementId,
    string AccountId,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateOnly DueDate,
    MoneyResponse PreviousBalance,
    MoneyResponse Purchases,
    MoneyResponse Refunds,
    MoneyResponse InstallmentsDue,
    MoneyResponse Fees,
    MoneyResponse Repayments,
    MoneyResponse Corrections,
    MoneyResponse NewBalance,
    MoneyResponse MinimumDue,
    MoneyResponse Paid,
    string Status,
    DateTimeOffset CreatedAt);

/// <summary>An account's statements, newest first.</summary>
public sealed record StatementListResponse(IReadOnlyList<StatementResponse> Statements);

public static class StatementWire
{
    public static StatementResponse ToWire(this Statement statement)
    {
        MoneyResponse Money(long amount) => new(amount, statement.Currency);
        return new StatementResponse(
            statement.StatementId,
            statement.AccountId,
            statement.PeriodStart.ToUniversalTime(),
            statement.PeriodEnd.ToUniversalTime(),
            statement.DueDate,
            Money(statement.PreviousBalance),
            Money(statement.Purchases),
            Money(statement.Refunds),
            Money(statement.InstallmentsDue),
            Money(statement.Fees),
            Money(statement.Repayments),
            Money(statement.Corrections),
            Money(statement.NewBalance),
            Money(statement.MinimumDue),
            Money(statement.Paid),
            statement.Status switch
            {
                StatementStatus.Open => "open",
                StatementStatus.Paid => "paid",
                _ => "overdue",
            },
            statement.CreatedAt.ToUniversalTime());
    }
}
