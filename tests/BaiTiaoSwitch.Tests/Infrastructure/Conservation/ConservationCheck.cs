using Xunit.Sdk;

namespace BaiTiaoSwitch.Tests.Infrastructure.Conservation;

/// <summary>
/// Guarantee 2, computed rather than read back: pending is summed from the stored open holds, posted from the stored
/// captures less refunds less the principal repayments gave back, and both are compared with (a) the counters the account stored, (b) what the account
/// reports (limit − available, pending, posted) and (c) the ledger the test kept on its own, when it kept one.
/// None of the three is defined from the others, so any drift between them fails.
/// </summary>
public static class ConservationCheck
{
    /// <summary>Every way the line fails to conserve; empty when it conserves.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyCollection<StoredHold> stored, LineTotals storedCounters, ReportedLine reported, LineTotals? expected)
    {
        // Principal repaid is a counter of the account's own (no stored object sums to it): the test's ledger checks it.
        var computed = LineTotals.Of(stored, storedCounters.PrincipalRepaid);
        var violations = new List<string>();
        void Compare(string what, long actual, long wanted)
        {
            if (actual != wanted)
            {
                violations.Add($"{what}: {actual}, but {wanted} computed from the {stored.Count} stored authorizations");
            }
        }

        Compare("pending counter the account stored", storedCounters.Pending, computed.Pending);
        Compare("posted counter the account stored", storedCounters.Posted, computed.Posted);
        Compare("open-hold count the account stored", storedCounters.OpenHolds, computed.OpenHolds);
        Compare("pending the account reports", reported.Pending, computed.Pending);
        Compare("posted the account reports", reported.Posted, computed.Posted);
        Compare("open holds the account reports", reported.OpenHolds, computed.OpenHolds);
        Compare("limit − available the account reports", reported.InUse, checked(computed.Pending + computed.Posted));
        if (expected is not null)
        {
            Compare("pending the test expects from the holds it opened", expected.Pending, computed.Pending);
            Compare("posted the test expects from its captures and refunds", expected.Posted, computed.Posted);
            Compare("open holds the test expects", expected.OpenHolds, computed.OpenHolds);
            Compare("principal repaid the test expects from its repayments", expected.PrincipalRepaid, computed.PrincipalRepaid);
        }

        return violations;
    }

    /// <summary>Fails with every violation listed, so one run tells all that drifted.</summary>
    public static void Assert(IReadOnlyCollection<StoredHold> stored, LineTotals storedCounters, ReportedLine reported, LineTotals? expected)
    {
        var violations = Violations(stored, storedCounters, reported, expected);
        if (violations.Count > 0)
        {
            throw new XunitException("The line does not conserve (guarantee 2):" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", violations));
        }
    }
}
