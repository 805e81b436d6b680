namespace BaiTiaoSwitch.Testing.Conservation;

/// <summary>
/// Conservation to the fen, computed rather than read back: <c>limit − available = Σ open holds + posted</c>, with
/// pending summed from the stored open holds and posted from the stored captures less refunds (less principal repaid).
/// The computed totals are compared with (a) the counters the account stored, (b) what the account reports and (c) the
/// test's own ledger, when it kept one. None of the three is defined from the others, so any drift fails.
/// </summary>
public static class LineConservation
{
    /// <summary>Every way the line fails to conserve; empty when it conserves.</summary>
    public static IReadOnlyList<string> Violations(StoredLine stored, ReportedLine reported, LineTotals? expected = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(reported);
        var computed = stored.Computed;
        var violations = new List<string>();
        void Compare(string what, long actual, long wanted)
        {
            if (actual != wanted)
            {
                violations.Add($"{what}: {actual}, but {wanted} computed from the {stored.Holds.Count} stored authorizations");
            }
        }

        Compare("limit − available the account reports", reported.InUse, checked(computed.Pending + computed.Posted));
        Compare("pending counter the account stored", stored.Counters.Pending, computed.Pending);
        Compare("posted counter the account stored", stored.Counters.Posted, computed.Posted);
        Compare("open-hold count the account stored", stored.Counters.OpenHolds, computed.OpenHolds);
        Compare("pending the account reports", reported.Pending, computed.Pending);
        Compare("posted the account reports", reported.Posted, computed.Posted);
        Compare("open holds the account reports", reported.OpenHolds, computed.OpenHolds);
        if (expected is not null)
        {
            Compare("pending the test expects from the holds it opened", expected.Pending, computed.Pending);
            Compare("posted the test expects from its captures and refunds", expected.Posted, computed.Posted);
            Compare("open holds the test expects", expected.OpenHolds, computed.OpenHolds);
            Compare("principal repaid the test expects from its repayments", expected.PrincipalRepaid, computed.PrincipalRepaid);
        }

        return violations;
    }

    /// <summary>Throws <see cref="ConservationException"/> listing every violation, so one run tells all that drifted.</summary>
    public static void Assert(StoredLine stored, ReportedLine reported, LineTotals? expected = null)
    {
        var violations = Violations(stored, reported, expected);
        if (violations.Count > 0)
        {
            throw new ConservationException(stored.AccountId, violations);
        }
    }
}

/// <summary>A line does not conserve. Any test framework reports an unexpected exception as a failure.</summary>
public sealed class ConservationException(string accountId, IReadOnlyList<string> violations)
    : Exception($"Line {accountId} does not conserve (limit − available = open holds + posted):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", violations))
{
    public string AccountId { get; } = accountId;

    public IReadOnlyList<string> Violations { get; } = violations;
}
