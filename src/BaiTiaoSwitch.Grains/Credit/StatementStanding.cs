namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The only two things of a cut statement that move: <c>paid</c> (what was repaid since the cut, up to the new
/// balance) and <c>status</c>. paid when the new balance is paid; overdue when the due date has passed (local time)
/// with less than the minimum paid; open otherwise. Paying the minimum keeps a statement out of overdue; the principal
/// left unpaid after the due date still accrues the daily late fee (see <c>LateFees</c>), as JD's 最低还款 does.
/// </summary>
public static class StatementStanding
{
    public static Statement With(Statement statement, long repaidSinceCut, DateTimeOffset now, StatementPeriods calendar)
    {
        var paid = Math.Clamp(repaidSinceCut, 0, Math.Max(0, statement.NewBalance));
        var status = paid >= statement.NewBalance ? StatementStatus.Paid
            : now >= calendar.OverdueFrom(statement.DueDate) && paid < statement.MinimumDue ? StatementStatus.Overdue
            : StatementStatus.Open;
        return statement with { Paid = paid, Status = status };
    }
}
