namespace BaiTiaoSwitch.Tests.Model;

/// <summary>One step of a random sequence run against both the reference model and the real account.</summary>
public abstract record ModelOperation;

/// <summary>An operation that carries a fresh idempotency key of its own.</summary>
public abstract record KeyedOperation : ModelOperation;

public sealed record AuthorizeStep(int Grant, long Amount) : KeyedOperation;

public sealed record IncrementStep(int Hold, long Amount) : KeyedOperation;

/// <summary>Captures the hold's remaining amount scaled by <see cref="Percent"/> (above 100 is an over-capture).</summary>
public sealed record CaptureStep(int Hold, int Percent, bool Final) : KeyedOperation;

public sealed record ReverseStep(int Hold, int? Percent) : KeyedOperation;

public sealed record RefundStep(int Capture, int Percent) : KeyedOperation;

public sealed record FreezeStep(bool Freeze) : KeyedOperation;

public sealed record CreditLimitStep(long Limit) : KeyedOperation;

/// <summary>The issuer sets the holder's credit score: the limit in force follows the score's band.</summary>
public sealed record CreditScoreStep(int Score) : KeyedOperation;

public sealed record AccountLimitsStep(long? DailyAmountMax, int? DailyCountMax, int? MonthlyCountMax) : KeyedOperation;

/// <summary>The credit grain moves a capture's remaining principal onto a new plan.</summary>
public sealed record PlanStep(int Capture) : KeyedOperation;

/// <summary>A repayment against what the credit grain says is owed (a late fee, billed plan principal, a statement balance).</summary>
public sealed record RepayStep(long Amount, long LateFee, long InstallmentPrincipal, long StatementBalance) : KeyedOperation;

/// <summary>The credit grain acknowledges the cut of the oldest open period, billing a share of every plan.</summary>
public sealed record CutStep(int BilledPercent) : KeyedOperation;

/// <summary>Sandbox: the account's clock moves forward (and holds that came due expire).</summary>
public sealed record ClockStep(long Seconds) : KeyedOperation;

/// <summary>Moves the clock and runs the expiry sweep.</summary>
public sealed record AdvanceStep(int Minutes) : ModelOperation;

/// <summary>The issuer changes a grant's policy copy (suspend, resume, limits).</summary>
public sealed record GrantPolicyStep(int Grant, bool Active, long? PerTransactionMax, int? DailyCountMax) : ModelOperation;

/// <summary>The same request again, with its key: it must answer exactly as the first time and change nothing.</summary>
public sealed record ReplayStep(int Earlier) : ModelOperation;

/// <summary>An earlier key with another request: it must be refused and change nothing.</summary>
public sealed record ReuseKeyStep(int Earlier, KeyedOperation Other) : ModelOperation;

/// <summary>What an operation answered, in a form both sides can produce.</summary>
public sealed record Outcome(string What, long Amount = 0, long Captured = 0, long Reversed = 0, long Available = 0)
{
    public static Outcome Error(string code) => new("error:" + code);
}
