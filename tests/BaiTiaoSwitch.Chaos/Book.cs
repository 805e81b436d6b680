namespace BaiTiaoSwitch.Chaos;

/// <summary>
/// The load client's own ledger: every authorization it was answered, and every capture, reversal and refund that was
/// acknowledged, recorded once. The final check compares the switch's answers with it.
/// </summary>
public sealed class Book
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Hold> holds = new(StringComparer.Ordinal);

    public void Authorized(Hold hold)
    {
        lock (gate)
        {
            if (!holds.TryAdd(hold.AuthorizationId, hold))
            {
                throw new InvalidOperationException($"Authorization {hold.AuthorizationId} was answered to two different keys.");
            }
        }
    }

    public void Captured(string id, long amount, bool final) => Change(id, hold =>
    {
        hold.Captured += amount;
        hold.Open &= !final && hold.Captured + hold.Reversed < hold.Amount;
    });

    public void Reversed(string id, long? amount) => Change(id, hold =>
    {
        hold.Reversed += amount ?? hold.Remaining;
        hold.Open &= hold.Captured + hold.Reversed < hold.Amount;
    });

    public void Refunded(string id, long amount) => Change(id, hold => hold.Refunded += amount);

    public IReadOnlyList<Hold> Holds()
    {
        lock (gate)
        {
            return holds.Values.Select(hold => hold.Copy()).ToList();
        }
    }

    private void Change(string id, Action<Hold> change)
    {
        lock (gate)
        {
            change(holds[id]);
        }
    }
}

/// <summary>One authorization as the load client knows it from the answers it got.</summary>
public sealed class Hold(string lineId, string channel, string authorizationId, long amount, bool approved, string? reason)
{
    public string LineId { get; } = lineId;

    public string Channel { get; } = channel;

    public string AuthorizationId { get; } = authorizationId;

    public long Amount { get; } = amount;

    public bool Approved { get; } = approved;

    public string? Reason { get; } = reason;

    public long Captured { get; set; }

    public long Reversed { get; set; }

    public long Refunded { get; set; }

    public bool Open { get; set; } = approved;

    public long Remaining => Open ? Amount - Captured - Reversed : 0;

    /// <summary>The status the switch must show for it.</summary>
    public string Status => !Approved ? "declined" : Open ? "pending" : Captured > 0 ? "closed" : "reversed";

    public Hold Copy() => new(LineId, Channel, AuthorizationId, Amount, Approved, Reason) { Captured = Captured, Reversed = Reversed, Refunded = Refunded, Open = Open };
}
