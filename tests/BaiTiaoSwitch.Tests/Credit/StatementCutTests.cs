using BaiTiaoSwitch.Credit;
using Xunit;

namespace BaiTiaoSwitch.Tests.Credit;

public sealed class StatementCutTests
{
    private static readonly CreditTerms Terms = CreditTerms.Default;
    private static readonly StatementPeriods Calendar = StatementPeriods.For(1, Terms);
    private static readonly DateOnly MarchCut = new(2026, 3, 1);
    private static readonly DateTimeOffset InMarchPeriod = new(2026, 2, 10, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset CutAt = Calendar.CutInstant(MarchCut);

    private static CreditMovement Move(CreditMovementKind kind, long amount, DateTimeOffset? at = null) => new(kind, amount, at ?? InMarchPeriod, "r");

    private static Statement February() => StatementCut.Cut("acct", Money.Cny, null, new DateOnly(2026, 2, 1), Calendar,
        [Move(CreditMovementKind.Purchase, 9_000, InMarchPeriod.AddDays(-20)), Move(CreditMovementKind.LateFee, 1_000, InMarchPeriod.AddDays(-20))], Terms, CutAt.AddMonths(-1));

    [Fact]
    public void A_statement_adds_up_every_movement_of_its_period_and_keeps_principal_and_fees_apart()
    {
        var previous = February();
        var statement = StatementCut.Cut("acct", Money.Cny, previous, MarchCut, Calendar,
        [
            Move(CreditMovementKind.Purchase, 5_000), Move(CreditMovementKind.Purchase, 3_000), Move(CreditMovementKind.ConvertedToInstallments, 3_000),
            Move(CreditMovementKind.Refund, 500), Move(CreditMovementKind.InstallmentPrincipalDue, 1_000), Move(CreditMovementKind.InstallmentFeeDue, 60),
            Move(CreditMovementKind.LateFee, 40), Move(CreditMovementKind.RepaymentOfPrincipal, 9_000), Move(CreditMovementKind.RepaymentOfFees, 1_000),
            Move(CreditMovementKind.PrincipalCorrection, 200), Move(CreditMovementKind.Purchase, 7_777, CutAt),
        ], Terms, CutAt);

        Assert.Equal((10_000L, 9_000L), (previous.NewBalance, previous.PrincipalBalance));
        Assert.Equal(10_000, statement.PreviousBalance);
        Assert.Equal(5_000, statement.Purchases);
        Assert.Equal(500, statement.Refunds);
        Assert.Equal(1_060, statement.InstallmentsDue);
        Assert.Equal((1_000L, 60L), (statement.InstallmentPrincipalDue, statement.InstallmentFeesDue));
        Assert.Equal(40, statement.Fees);
        Assert.Equal(10_000, statement.Repayments);
        Assert.Equal(-200, statement.Corrections);
        Assert.Equal(10_000 + 5_000 - 500 + 1_060 + 40 - 10_000 - 200, statement.NewBalance);
        Assert.Equal(9_000 + 5_000 - 500 + 1_000 - 9_000 - 200, statement.PrincipalBalance);

        // 10% of the revolving principal (5,300 − 1,000 billed installment principal), plus installments due, plus fees.
        Assert.Equal(430 + 1_060 + 40, statement.MinimumDue);
        Assert.Equal((0L, StatementStatus.Open), (statement.Paid, statement.Status));
        Assert.Equal(new DateOnly(2026, 3, 10), statement.DueDate);
        Assert.Equal((Calendar.PeriodStart(MarchCut), CutAt), (statement.PeriodStart, statement.PeriodEnd));
        Assert.Equal("st_20260301_acct", statement.StatementId);
        Assert.Equal(Terms.Version, statement.TermsVersion);
    }

    [Fact]
    public void The_minimum_rounds_up_to_the_fen()
    {
        var statement = StatementCut.Cut("acct", Money.Cny, null, MarchCut, Calendar, [Move(CreditMovementKind.Purchase, 1_234)], Terms, CutAt);

        Assert.Equal(124, statement.MinimumDue);
    }

    [Fact]
    public void The_minimum_never_exceeds_the_new_balance()
    {
        var statement = StatementCut.Cut("acct", Money.Cny, null, MarchCut, Calendar,
            [Move(CreditMovementKind.InstallmentPrincipalDue, 1_000), Move(CreditMovementKind.InstallmentFeeDue, 60), Move(CreditMovementKind.Refund, 800)], Terms, CutAt);

        Assert.Equal(260, statement.NewBalance);
        Assert.Equal(260, statement.MinimumDue);
    }

    [Fact]
    public void A_statement_in_credit_owes_nothing_and_is_paid()
    {
        var statement = StatementCut.Cut("acct", Money.Cny, null, MarchCut, Calendar, [Move(CreditMovementKind.Refund, 300)], Terms, CutAt);

        Assert.Equal((-300L, 0L, StatementStatus.Paid), (statement.NewBalance, statement.MinimumDue, statement.Status));
    }

    [Fact]
    public void Cutting_again_from_the_same_movements_gives_the_same_statement()
    {
        var movements = new[] { Move(CreditMovementKind.Purchase, 5_000), Move(CreditMovementKind.LateFee, 10) };

        Assert.Equal(
            StatementCut.Cut("acct", Money.Cny, February(), MarchCut, Calendar, movements, Terms, CutAt),
            StatementCut.Cut("acct", Money.Cny, February(), MarchCut, Calendar, movements, Terms, CutAt));
    }

    [Fact]
    public void A_correction_to_a_cut_statement_goes_on_the_next_one_and_the_cut_one_never_changes()
    {
        var february = February();
        var copy = february with { };
        var march = StatementCut.Cut("acct", Money.Cny, february, MarchCut, Calendar, [Move(CreditMovementKind.PrincipalCorrection, 4_000)], Terms, CutAt);

        Assert.Equal(copy, february);
        Assert.Equal(-4_000, march.Corrections);
        Assert.Equal(february.NewBalance - 4_000, march.NewBalance);
        Assert.Equal(february.PrincipalBalance - 4_000, march.PrincipalBalance);
    }

    [Fact]
    public void Paid_and_status_follow_repayments_and_the_due_date_and_nothing_else_moves()
    {
        var statement = StatementCut.Cut("acct", Money.Cny, null, MarchCut, Calendar, [Move(CreditMovementKind.Purchase, 10_000)], Terms, CutAt);
        var overdueFrom = Calendar.OverdueFrom(statement.DueDate);

        Assert.Equal(StatementStatus.Open, StatementStanding.With(statement, 0, overdueFrom.AddTicks(-1), Calendar).Status);
        Assert.Equal(StatementStatus.Overdue, StatementStanding.With(statement, 999, overdueFrom, Calendar).Status);
        Assert.Equal(StatementStatus.Open, StatementStanding.With(statement, 1_000, overdueFrom, Calendar).Status);
        var paid = StatementStanding.With(statement, 12_000, overdueFrom, Calendar);
        Assert.Equal((10_000L, StatementStatus.Paid), (paid.Paid, paid.Status));
        Assert.Equal(statement with { Paid = 10_000, Status = StatementStatus.Paid }, paid);
    }
}
