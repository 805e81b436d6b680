namespace BaiTiaoSwitch.Credit;

/// <summary>
/// Late fees: the daily rate (0.05% by default) on the principal still unpaid after a statement's due date, for every
/// local day from the day after the due date until it is paid.
/// <list type="bullet">
/// <item>Never on fees: the base is principal only (late fees and installment fees owed are excluded), so fees never
/// compound.</item>
/// <item>Day d is charged on the principal overdue when it is charged; the credit grain charges through today before it
/// applies a repayment, so a day that began overdue is charged on what was overdue then, and the day the amount is paid
/// is the last one charged.</item>
/// <item>Each day's fee is rounded down to the fen on its own, so charging day by day or many days at once gives the
/// same total.</item>
/// <item>Capped per statement: all its late fees together never exceed the cap rate × the principal overdue on its
/// first overdue day.</item>
/// <item>Exactly once per day by construction: the accrual remembers the last day charged, and a charge covers only the
/// days after it. Charging again through the same day charges nothing.</item>
/// <item>Only the newest statement past its due date accrues: its principal balance already carries what earlier
/// statements left unpaid, so nothing is charged twice.</item>
/// </list>
/// </summary>
public static class LateFees
{
    /// <summary>
    /// The principal of <paramref name="statement"/> still unpaid: its principal balance less the principal repaid
    /// since the cut (the repayments' installment principal and statement balance parts, not their fees).
    /// </summary>
    public static long OverduePrincipal(Statement statement, long principalRepaidSinceCut) =>
        Math.Max(0, checked(statement.PrincipalBalance - principalRepaidSinceCut));

    /// <summary>The accrual of a statement on its first overdue day: nothing charged through the due date, the cap fixed.</summary>
    public static LateFeeAccrual Start(Statement statement, long overduePrincipal, CreditTerms terms) =>
        new(statement.StatementId, statement.DueDate, 0, terms.LateFeeCapRate.OfFloor(Math.Max(0, overduePrincipal)));

    /// <summary>
    /// Charges every day after <see cref="LateFeeAccrual.ChargedThrough"/> up to and including <paramref name="today"/>
    /// (a local date) on <paramref name="overduePrincipal"/>, within the cap. Returns the new accrual and the fee.
    /// </summary>
    public static (LateFeeAccrual Accrual, long Fee) ChargeThrough(LateFeeAccrual accrual, DateOnly today, long overduePrincipal, Rate dailyRate)
    {
        if (today <= accrual.ChargedThrough)
        {
            return (accrual, 0);
        }

        var days = today.DayNumber - accrual.ChargedThrough.DayNumber;
        var perDay = dailyRate.OfFloor(Math.Max(0, overduePrincipal));
        var fee = Math.Min(checked(perDay * days), Math.Max(0, checked(accrual.Cap - accrual.Charged)));
        return (accrual with { ChargedThrough = today, Charged = checked(accrual.Charged + fee) }, fee);
    }
}
