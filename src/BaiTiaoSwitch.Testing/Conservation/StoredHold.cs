namespace BaiTiaoSwitch.Testing.Conservation;

/// <summary>
/// One authorization as storage holds it, reduced to what conservation needs. Kept apart from the account's own record
/// type so that the check does not borrow the account's arithmetic (the account is what is being checked).
/// </summary>
public sealed record StoredHold(string AuthorizationId, bool IsOpen, long Amount, long Captured, long Reversed, long Refunded)
{
    /// <summary>What an open hold still reserves: its amount less what was captured or reversed from it.</summary>
    public long Remaining => IsOpen ? checked(Amount - Captured - Reversed) : 0;
}

/// <summary>
/// A line's totals: computed from holds, stored by the account, reported by it, or expected by a test.
/// Posted is what the holder owes: captured − refunded − principal repaid.
/// </summary>
public sealed record LineTotals(long Pending, long Posted, int OpenHolds)
{
    /// <summary>
    /// Pending = Σ what open holds still reserve; posted = Σ captured − Σ refunded over every record − <paramref name="principalRepaid"/>
    /// (repayments of the posted balance, which lines do not have yet: 0 until they do).
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

        return new LineTotals(pending, checked(posted - principalRepaid), open);
    }
}

/// <summary>What the account says about itself through the SDK: its limit, available credit, pending and posted.</summary>
public sealed record ReportedLine(long CreditLimit, long Available, long Pending, long Posted, int OpenHolds)
{
    /// <summary>Credit in use as the account reports it: limit − available.</summary>
    public long InUse => checked(CreditLimit - Available);
}
