namespace BaiTiaoSwitch.Credit;

/// <summary>
/// Charges the late fees of every statement past its due date through one local day, each day once (<see cref="LateFees"/>
/// keeps the day charged through), on its principal still unpaid (paying the minimum keeps it out of <c>overdue</c>, but
/// what is left unpaid still accrues, docs/concepts.md). It accrues from the day after its due date until a later
/// statement's due date passed (that statement carries its balance and accrues in its place), until it is paid, or up
/// to its cap. A fee charged is owed at once (the
/// late-fee item of a repayment) and is billed on the statement whose period holds the day.
/// </summary>
public static class LateFeeDays
{
    /// <summary>Charges through <paramref name="day"/>; true when anything changed.</summary>
    public static bool ChargeThrough(CreditState state, DateOnly day, StatementPeriods calendar, CreditTerms terms)
    {
        var changed = false;
        for (var i = 0; i < state.Statements.Count; i++)
        {
            var entry = state.Statements[i];
            var statement = entry.Statement;
            var through = i + 1 < state.Statements.Count ? Min(day, state.Statements[i + 1].Statement.DueDate) : day;
            if (through <= statement.DueDate || entry.RepaidSinceCut >= statement.NewBalance)
            {
                continue;
            }

            var overdue = LateFees.OverduePrincipal(statement, entry.PrincipalRepaidSinceCut);
            if (entry.Accrual is null)
            {
                entry.Accrual = LateFees.Start(statement, overdue, terms);
                changed = true;
            }

            var (accrual, fee) = LateFees.ChargeThrough(entry.Accrual, through, overdue, terms.LateFeeDailyRate);
            changed |= accrual != entry.Accrual;
            entry.Accrual = accrual;
            if (fee > 0)
            {
                AddUnbilled(state, fee, calendar.StartOf(through), calendar);
            }
        }

        return changed;
    }

    private static void AddUnbilled(CreditState state, long fee, DateTimeOffset at, StatementPeriods calendar)
    {
        var cut = calendar.CutDateOf(at);
        var index = state.UnbilledFees.FindIndex(movement => calendar.CutDateOf(movement.At) == cut);
        if (index < 0)
        {
            state.UnbilledFees.Add(new CreditMovement(CreditMovementKind.LateFee, fee, at, "late-fees"));
        }
        else
        {
            var movement = state.UnbilledFees[index];
            state.UnbilledFees[index] = movement with { Amount = checked(movement.Amount + fee), At = at > movement.At ? at : movement.At };
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
