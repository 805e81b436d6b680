namespace BaiTiaoSwitch.Testing.Conservation;

/// <summary>
/// A test's own ledger of a line: the holds it opened and the captures, reversals and refunds it made, each recorded
/// once, when the switch acknowledged it. It knows nothing of the switch's state, so comparing it with what the switch
/// stored and reports is a check that can fail. Thread-safe: load workers record concurrently.
/// </summary>
public sealed class ExpectedLedger
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Hold> holds = new(StringComparer.Ordinal);

    /// <summary>Principal the holder repaid, which lowers posted (through the SDK's RepayAsync).</summary>
    private long repaid;

    /// <summary>Every authorization this ledger opened, as it should be stored now (for checks hold by hold).</summary>
    public IReadOnlyDictionary<string, StoredHold> Holds()
    {
        lock (gate)
        {
            return holds.ToDictionary(entry => entry.Key, entry => new StoredHold(entry.Key, entry.Value.IsOpen, entry.Value.Amount, entry.Value.Captured, entry.Value.Reversed, entry.Value.Refunded), StringComparer.Ordinal);
        }
    }

    public void Opened(string authorizationId, long amount)
    {
        lock (gate)
        {
            if (!holds.TryAdd(authorizationId, new Hold(amount)))
            {
                throw new InvalidOperationException($"The test recorded hold {authorizationId} twice: a test bug, or one key acknowledged twice.");
            }
        }
    }

    public void Incremented(string authorizationId, long amount) => Change(authorizationId, hold => hold.Amount = checked(hold.Amount + amount));

    /// <summary>A capture posts its whole amount; it closes the hold when final or when the hold is used up.</summary>
    public void Captured(string authorizationId, long amount, bool final) => Change(authorizationId, hold =>
    {
        hold.Captured = checked(hold.Captured + amount);
        hold.IsOpen &= !final && hold.Captured + hold.Reversed < hold.Amount;
    });

    /// <summary>A reversal of <paramref name="amount"/>, or of all that remains when null.</summary>
    public void Reversed(string authorizationId, long? amount) => Change(authorizationId, hold =>
    {
        hold.Reversed = checked(hold.Reversed + (amount ?? hold.Amount - hold.Captured - hold.Reversed));
        hold.IsOpen &= hold.Captured + hold.Reversed < hold.Amount;
    });

    /// <summary>A refund gives back captured money of this authorization: posted goes down by its amount.</summary>
    public void Refunded(string authorizationId, long amount) => Change(authorizationId, hold => hold.Refunded = checked(hold.Refunded + amount));

    /// <summary>A repayment gave back <paramref name="amount"/> of principal (its answer's <c>Allocated.PrincipalRestored</c>): posted goes down by it.</summary>
    public void Repaid(long amount)
    {
        lock (gate)
        {
            repaid = checked(repaid + amount);
        }
    }

    public void Expired(string authorizationId) => Change(authorizationId, hold => hold.IsOpen = false);

    /// <summary>What the hold still reserves in this ledger: 0 when it is closed.</summary>
    public long Remaining(string authorizationId)
    {
        lock (gate)
        {
            var hold = holds[authorizationId];
            return hold.IsOpen ? hold.Amount - hold.Captured - hold.Reversed : 0;
        }
    }

    public LineTotals Totals()
    {
        lock (gate)
        {
            var pending = holds.Values.Where(hold => hold.IsOpen).Sum(hold => hold.Amount - hold.Captured - hold.Reversed);
            var posted = holds.Values.Sum(hold => hold.Captured - hold.Refunded);
            return new LineTotals(pending, checked(posted - repaid), holds.Values.Count(hold => hold.IsOpen), repaid);
        }
    }

    private void Change(string authorizationId, Action<Hold> change)
    {
        lock (gate)
        {
            change(holds.TryGetValue(authorizationId, out var hold) ? hold : throw new InvalidOperationException($"The test never opened hold {authorizationId}."));
        }
    }

    private sealed class Hold(long amount)
    {
        public long Amount { get; set; } = amount;

        public long Captured { get; set; }

        public long Reversed { get; set; }

        public long Refunded { get; set; }

        public bool IsOpen { get; set; } = true;
    }
}
