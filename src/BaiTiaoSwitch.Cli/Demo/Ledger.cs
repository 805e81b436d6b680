namespace BaiTiaoSwitch.Cli.Demo;

/// <summary>
/// The demo's own account of every fen it moved, kept apart from the switch, so the switch's balances can be
/// reconciled against it: pending = Σ open holds, posted = Σ captures − Σ refunds − Σ principal repaid.
/// </summary>
public sealed class Ledger
{
    private readonly Dictionary<string, Hold> holds = new(StringComparer.Ordinal);

    public long Captured { get; private set; }

    public long Refunded { get; private set; }

    public long Pending => holds.Values.Where(hold => !hold.Closed).Sum(hold => hold.Amount - hold.Captured - hold.Reversed);

    /// <summary>The principal repayments paid off (fees repaid restore no credit, so they are not here).</summary>
    public long PrincipalRepaid { get; private set; }

    public long Posted => Captured - Refunded - PrincipalRepaid;

    public void Approved(string authorizationId, long amount) => holds[authorizationId] = new Hold(amount);

    /// <summary>A capture; a final one (or one that takes all that is held) closes the hold and releases the rest.</summary>
    public void Capture(string authorizationId, long amount, bool final)
    {
        var hold = holds[authorizationId];
        hold.Captured += amount;
        hold.Closed |= final || hold.Captured + hold.Reversed >= hold.Amount;
        Captured += amount;
    }

    /// <summary>A reversal of all that remains of the hold.</summary>
    public void ReverseAll(string authorizationId)
    {
        var hold = holds[authorizationId];
        hold.Reversed = hold.Amount - hold.Captured;
        hold.Closed = true;
    }

    public void Refund(long amount) => Refunded += amount;

    public void Repaid(long principal) => PrincipalRepaid += principal;

    private sealed class Hold(long amount)
    {
        public long Amount { get; } = amount;

        public long Captured { get; set; }

        public long Reversed { get; set; }

        public bool Closed { get; set; }
    }
}
