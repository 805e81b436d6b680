using BaiTiaoSwitch.Testing.Conservation;
using Xunit;

namespace BaiTiaoSwitch.Testing.Tests.Kit;

/// <summary>
/// The conservation check as the switch's own tests use it (they moved onto the kit's): it must fail on a ledger that
/// does not conserve, however self-consistent, and the test's ledger must close holds as the switch does.
/// </summary>
public sealed class LedgerConservationTests
{
    private const long Limit = 10_000;

    // One open hold of 3,000 (1,000 captured from it), one closed hold captured 2,000 with 500 refunded.
    private static readonly StoredHold[] Stored =
    [
        new("au_a_1", IsOpen: true, Amount: 3_000, Captured: 1_000, Reversed: 0, Refunded: 0),
        new("au_a_2", IsOpen: false, Amount: 2_000, Captured: 2_000, Reversed: 0, Refunded: 500),
    ];

    private static readonly LineTotals Counters = new(Pending: 2_000, Posted: 2_500, OpenHolds: 1);

    private static StoredLine Line(LineTotals counters) => new("acct-a", Stored, counters);

    private static readonly ReportedLine Reported = new(Limit, Available: 5_500, Pending: 2_000, Posted: 2_500, OpenHolds: 1);

    private static ExpectedLedger Expected()
    {
        var expected = new ExpectedLedger();
        expected.Opened("au_a_1", 3_000);
        expected.Captured("au_a_1", 1_000, final: false);
        expected.Opened("au_a_2", 2_000);
        expected.Captured("au_a_2", 2_000, final: false);
        expected.Refunded("au_a_2", 500);
        return expected;
    }

    [Fact]
    public void A_conserved_line_passes()
    {
        Assert.Empty(LineConservation.Violations(Line(Counters), Reported, Expected().Totals()));
    }

    [Fact]
    public void A_report_that_is_consistent_with_itself_but_misses_a_stored_hold_fails()
    {
        // limit − available = pending + posted holds inside this report, which is all the old check looked at.
        var forgetful = new ReportedLine(Limit, Available: 7_500, Pending: 0, Posted: 2_500, OpenHolds: 0);
        Assert.Equal(forgetful.InUse, forgetful.Pending + forgetful.Posted);

        var violations = LineConservation.Violations(Line(Counters), forgetful);

        Assert.Contains(violations, violation => violation.StartsWith("pending the account reports: 0", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.StartsWith("limit − available the account reports: 2500", StringComparison.Ordinal));
        Assert.Throws<ConservationException>(() => LineConservation.Assert(Line(Counters), forgetful));
    }

    [Fact]
    public void Posted_that_forgets_a_refund_fails()
    {
        var counters = Counters with { Posted = 3_000 };
        var reported = Reported with { Posted = 3_000, Available = 5_000 };

        var violations = LineConservation.Violations(Line(counters), reported);

        Assert.Equal(
        [
            "limit − available the account reports: 5000, but 4500 computed from the 2 stored authorizations",
            "posted counter the account stored: 3000, but 2500 computed from the 2 stored authorizations",
            "posted the account reports: 3000, but 2500 computed from the 2 stored authorizations",
        ], violations);
    }

    [Fact]
    public void Storage_and_account_that_agree_but_lost_an_acknowledged_capture_fail_against_the_tests_own_ledger()
    {
        var expected = Expected();
        expected.Captured("au_a_1", 2_000, final: true);

        var violations = LineConservation.Violations(Line(Counters), Reported, expected.Totals());

        Assert.Equal(
        [
            "pending the test expects from the holds it opened: 0, but 2000 computed from the 2 stored authorizations",
            "posted the test expects from its captures and refunds: 4500, but 2500 computed from the 2 stored authorizations",
            "open holds the test expects: 0, but 1 computed from the 2 stored authorizations",
        ], violations);
    }

    [Fact]
    public void A_stored_counter_that_drifted_from_the_records_fails()
    {
        var violations = LineConservation.Violations(Line(Counters with { OpenHolds = 2 }), Reported);

        Assert.Equal(["open-hold count the account stored: 2, but 1 computed from the 2 stored authorizations"], violations);
    }

    [Fact]
    public void The_tests_ledger_closes_a_hold_on_a_final_capture_when_it_is_used_up_and_on_a_full_reversal()
    {
        var ledger = new ExpectedLedger();
        ledger.Opened("final", 1_000);
        ledger.Opened("used-up", 1_000);
        ledger.Opened("reversed", 1_000);
        ledger.Opened("open", 1_000);
        ledger.Captured("final", 400, final: true);
        ledger.Reversed("used-up", 300);
        ledger.Captured("used-up", 700, final: false);
        ledger.Reversed("reversed", null);
        ledger.Captured("open", 100, final: false);
        ledger.Reversed("open", 100);

        Assert.Equal(new LineTotals(Pending: 800, Posted: 1_200, OpenHolds: 1), ledger.Totals());
    }
}
