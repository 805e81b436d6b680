namespace BaiTiaoSwitch.Credit;

/// <summary>
/// Cuts one statement from the line's movements not yet billed. Pure: the same inputs give the same statement, so a cut
/// re-run after a crash produces the same figures (the credit grain keeps it once per cut date: the statement id is
/// derived from the cut date).
/// <list type="bullet">
/// <item>Movements with an instant before the period's end are billed on it; later ones wait for the next cut
/// (<see cref="Billed"/> tells them apart).</item>
/// <item><c>purchases</c> = purchases − purchases of the period turned into installments; <c>refunds</c> = refunds of
/// the revolving balance; <c>installmentsDue</c> = principal + fee of the installment periods billed; <c>fees</c> =
/// late fees; <c>repayments</c> = all repaid (principal and fees); <c>corrections</c> = − principal corrections of
/// earlier statements (a cut statement never changes: its corrections land here).</item>
/// <item><c>newBalance</c> = previous + purchases − refunds + installmentsDue + fees − repayments + corrections.</item>
/// <item><c>minimumDue</c> = minimum rate × the revolving principal of the new balance (rounded up to the fen), plus
/// the installment amounts due, plus the fees owed; never below 0 nor above the new balance. "Revolving principal" is
/// the principal balance without the installment principal billed on this statement, as JD computes 最低还款额: the
/// rate is not charged again on installment amounts or fees, which are due in full.</item>
/// </list>
/// </summary>
public static class StatementCut
{
    /// <summary>The statement id: at most 64 characters, resolvable to its account (<see cref="CreditIds.Statement"/>).</summary>
    public static string StatementId(string accountId, DateOnly cutDate) => CreditIds.Statement(accountId, cutDate);

    /// <summary>True when the movement belongs on the statement cut on <paramref name="cutDate"/> (or an earlier one).</summary>
    public static bool Billed(CreditMovement movement, DateOnly cutDate, StatementPeriods calendar) => movement.At < calendar.PeriodEnd(cutDate);

    public static Statement Cut(
        string accountId, string currency, Statement? previous, DateOnly cutDate, StatementPeriods calendar,
        IEnumerable<CreditMovement> unbilled, CreditTerms terms, DateTimeOffset now)
    {
        long Sum(IReadOnlyList<CreditMovement> billed, CreditMovementKind kind)
        {
            var total = 0L;
            foreach (var movement in billed)
            {
                if (movement.Kind == kind)
                {
                    total = checked(total + movement.Amount);
                }
            }

            return total;
        }

        var billed = unbilled.Where(movement => Billed(movement, cutDate, calendar)).ToList();
        if (billed.Any(movement => movement.Amount < 0))
        {
            throw new ArgumentException("Movement amounts are positive; the kind gives the sign.", nameof(unbilled));
        }

        var previousBalance = previous?.NewBalance ?? 0;
        var previousPrincipal = previous?.PrincipalBalance ?? 0;
        var purchases = checked(Sum(billed, CreditMovementKind.Purchase) - Sum(billed, CreditMovementKind.ConvertedToInstallments));
        var refunds = Sum(billed, CreditMovementKind.Refund);
        var installmentPrincipal = Sum(billed, CreditMovementKind.InstallmentPrincipalDue);
        var installmentFees = Sum(billed, CreditMovementKind.InstallmentFeeDue);
        var fees = Sum(billed, CreditMovementKind.LateFee);
        var principalRepaid = Sum(billed, CreditMovementKind.RepaymentOfPrincipal);
        var repayments = checked(principalRepaid + Sum(billed, CreditMovementKind.RepaymentOfFees));
        var corrections = checked(-Sum(billed, CreditMovementKind.PrincipalCorrection));
        var installmentsDue = checked(installmentPrincipal + installmentFees);
        var newBalance = checked(previousBalance + purchases - refunds + installmentsDue + fees - repayments + corrections);
        var principalBalance = checked(previousPrincipal + purchases - refunds + installmentPrincipal - principalRepaid + corrections);
        var feesOwed = checked(newBalance - principalBalance);
        var revolving = Math.Max(0, checked(principalBalance - installmentPrincipal));
        var minimum = checked(terms.MinimumPaymentRate.OfCeiling(revolving) + installmentsDue + Math.Max(0, checked(feesOwed - installmentFees)));
        var minimumDue = Math.Clamp(minimum, 0, Math.Max(0, newBalance));

        return new Statement(
            StatementId(accountId, cutDate), accountId, currency, calendar.PeriodStart(cutDate), calendar.PeriodEnd(cutDate),
            calendar.DueDateOf(cutDate), previousBalance, purchases, refunds, installmentsDue, fees, repayments, newBalance,
            minimumDue, Paid: 0, newBalance <= 0 ? StatementStatus.Paid : StatementStatus.Open, now,
            installmentPrincipal, installmentFees, corrections, principalBalance, terms.Version);
    }
}
