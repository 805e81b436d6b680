namespace BaiTiaoSwitch.Testing.Conservation;

/// <summary>
/// One authorization as storage holds it, reduced to what conservation needs. Kept apart from the account's own record
/// type so that the check does not borrow the account's arithmetic (the account is what is being checked). A declined
/// one (<see cref="IsApproved"/> false) is never open and captures nothing, so it counts for nothing in the totals; it is
/// kept so that a test can count every authorization a key made.
/// </summary>
public sealed record StoredHold(string AuthorizationId, bool IsOpen, long Amount, long Captured, long Reversed, long Refunded, bool IsApproved = true)
{
    /// <summary>What an open hold still reserves: its amount less what was captured or reversed from it.</summary>
    public long Remaining => IsOpen ? checked(Amount - Captured - Reversed) : 0;
}

/// <summary>
/// A line's totals: computed from holds, stored by the account, reported by it, or expected by a test.
/// Posted is what the holder owes: captured − refunded − principal repaid. <see cref="PrincipalRepaid"/> is every fen
/// of principal that repayments gave back (0 on a line nobody repaid).
/// </summary>
public sealed record LineTotals(long Pending, long Posted, int OpenHolds, long PrincipalRepaid = 0)
{
    /// <summary>
    /// Pending = Σ what open holds still reserve; posted = Σ captured − Σ refunded over every record − <paramref name="principalRepaid"/>
    /// (the principal repayments gave back: a counter of the account's own, which no stored record sums to).
    /// </summary>
    public static LineTotals Of(IEnumerable<StoredHold> holds, long principalRepaid = 0)
    {
        ArgumentNullException.ThrowIfNull(holds);
        long pending = 0, posted = 0;
        var open = 0;
        foreach (var hold in holds)
        {
            pending = checked(pending + hold.Remaining);
            posted = checked(posted + hold.Captured - hold.Refunded);
            open += hold.IsOpen ? 1 : 0;
        }

        return new LineTotals(pending, checked(posted - principalRepaid), open, principalRepaid);
    }
}

/// <summary>What the account says about itself through the SDK: its limit, available credit, pending and posted.</summary>
public sealed record ReportedLine(long CreditLimit, long Available, long Pending, long Posted, int OpenHolds)
{
    /// <summary>Credit in use as the account reports it: limit − available.</summary>
    public long InUse => checked(CreditLimit - Available);
}
