using BaiTiaoSwitch.Testing.Conservation;
using Xunit;

namespace BaiTiaoSwitch.Testing.Tests.Kit;

/// <summary>The conservation check on lines built by hand: it must fail on every kind of drift, and only then.</summary>
public sealed class ConservationCheckTests
{
    // One open hold of 300 with 100 captured (200 still held), one closed hold of 500 captured in full, 50 of it refunded.
    private static readonly StoredHold[] Holds =
    [
        new("auth-1", IsOpen: true, Amount: 300, Captured: 100, Reversed: 0, Refunded: 0),
        new("auth-2", IsOpen: false, Amount: 500, Captured: 500, Reversed: 0, Refunded: 50),
    ];

    private static readonly LineTotals Conserved = new(Pending: 200, Posted: 550, OpenHolds: 1);

    [Fact]
    public void A_line_whose_counters_and_balance_match_its_holds_passes()
    {
        var stored = new StoredLine("acct-ok", Holds, Conserved);
        var reported = new ReportedLine(CreditLimit: 1_000, Available: 250, Pending: 200, Posted: 550, OpenHolds: 1);

        Assert.Empty(LineConservation.Violations(stored, reported, Conserved));
        LineConservation.Assert(stored, reported, Conserved);
    }

    [Fact]
    public void A_line_that_reports_one_fen_more_available_than_its_holds_allow_fails()
    {
        var stored = new StoredLine("acct-drift", Holds, Conserved);
        var reported = new ReportedLine(CreditLimit: 1_000, Available: 251, Pending: 200, Posted: 550, OpenHolds: 1);

        var failure = Assert.Throws<ConservationException>(() => LineConservation.Assert(stored, reported));

        Assert.Equal(["limit − available the account reports: 749, but 750 computed from the 2 stored authorizations"], failure.Violations);
    }

    [Fact]
    public void A_line_whose_stored_posted_counter_forgot_a_refund_fails_even_when_it_reports_consistently()
    {
        // The account's own arithmetic agrees with itself (limit − available = pending + posted of its counters), but the
        // stored captures less refunds say posted is 550: only a check computed from the holds sees it.
        var stored = new StoredLine("acct-refund-lost", Holds, Conserved with { Posted = 600 });
        var reported = new ReportedLine(CreditLimit: 1_000, Available: 200, Pending: 200, Posted: 600, OpenHolds: 1);

        var violations = LineConservation.Violations(stored, reported);

        Assert.Equal(3, violations.Count);
        Assert.Contains("posted counter the account stored: 600, but 550 computed from the 2 stored authorizations", violations);
    }

    [Fact]
    public void A_line_that_does_not_match_the_tests_own_ledger_fails()
    {
        var stored = new StoredLine("acct-ledger", Holds, Conserved);
        var reported = new ReportedLine(CreditLimit: 1_000, Available: 250, Pending: 200, Posted: 550, OpenHolds: 1);

        var violations = LineConservation.Violations(stored, reported, Conserved with { Posted = 500 });

        Assert.Equal(["posted the test expects from its captures and refunds: 500, but 550 computed from the 2 stored authorizations"], violations);
    }

    [Fact]
    public void Principal_repaid_lowers_posted()
    {
        var stored = new StoredLine("acct-repaid", Holds, Conserved with { Posted = 450, PrincipalRepaid = 100 });
        var reported = new ReportedLine(CreditLimit: 1_000, Available: 350, Pending: 200, Posted: 450, OpenHolds: 1);

        Assert.Empty(LineConservation.Violations(stored, reported));
        Assert.NotEmpty(LineConservation.Violations(stored with { Counters = stored.Counters with { PrincipalRepaid = 0 } }, reported));
    }
}
