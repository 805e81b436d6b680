namespace BaiTiaoSwitch.Credit;

/// <summary>open: not yet fully paid, due date not passed or minimum reached; paid: the new balance is paid;
/// overdue: the due date passed with less than the minimum paid.</summary>
[GenerateSerializer, Alias("bts.StatementStatus")]
public enum StatementStatus
{
    Open = 0,
    Paid = 1,
    Overdue = 2,
}

/// <summary>
/// One billing period's statement (账单). Every figure from <see cref="PreviousBalance"/> to <see cref="MinimumDue"/>
/// is fixed when the statement is cut and never changes; a correction is a line on the next statement
/// (<see cref="Corrections"/>). Only <see cref="Paid"/> and <see cref="Status"/> follow the repayments made after the
/// cut and the due date (<c>StatementStanding</c>). Amounts are minor units of <see cref="Currency"/>.
/// <para><c>newBalance = previousBalance + purchases − refunds + installmentsDue + fees − repayments + corrections</c>;
/// <see cref="InstallmentsDue"/> is installment principal plus installment fees billed (both kept apart as well);
/// <see cref="Fees"/> is late fees. <see cref="PrincipalBalance"/> is the part of the new balance that is principal
/// (uses the credit limit); the rest is fees owed.</para>
/// <para>The period is [<see cref="PeriodStart"/>, <see cref="PeriodEnd"/>): it ends at the cut instant, the end of
/// the billing day in the terms' time zone (China time by default).</para>
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.Statement")]
public sealed record Statement(
    [property: Id(0)] string StatementId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Currency,
    [property: Id(3)] DateTimeOffset PeriodStart,
    [property: Id(4)] DateTimeOffset PeriodEnd,
    [property: Id(5)] DateOnly DueDate,
    [property: Id(6)] long PreviousBalance,
    [property: Id(7)] long Purchases,
    [property: Id(8)] long Refunds,
    [property: Id(9)] long InstallmentsDue,
    [property: Id(10)] long Fees,
    [property: Id(11)] long Repayments,
    [property: Id(12)] long NewBalance,
    [property: Id(13)] long MinimumDue,
    [property: Id(14)] long Paid,
    [property: Id(15)] StatementStatus Status,
    [property: Id(16)] DateTimeOffset CreatedAt,
    [property: Id(17)] long InstallmentPrincipalDue,
    [property: Id(18)] long InstallmentFeesDue,
    [property: Id(19)] long Corrections,
    [property: Id(20)] long PrincipalBalance,
    [property: Id(21)] long TermsVersion);
