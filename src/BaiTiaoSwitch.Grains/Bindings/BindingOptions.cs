namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// Rules of identity-verified binding and the HTTP gateway's records. The lowest credit score that may bind is
/// <c>SwitchOptions.MinimumCreditScore</c>.
/// </summary>
public sealed class BindingOptions
{
    /// <summary>Sandbox mode: one-time codes go to an outbox that the issuer route GET /v1/sandbox/otp reads.</summary>
    public bool Sandbox { get; set; }

    public TimeSpan OtpLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong codes that end a binding attempt.</summary>
    public int OtpWrongTriesMax { get; set; } = 3;

    /// <summary>Failed verifications on one card within <see cref="FailureWindow"/> that lock binding on it.</summary>
    public int FailuresBeforeLockMax { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan LockDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an HTTP answer is kept for replay under its Idempotency-Key (at least 24 h).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How long a running request holds its key before another request with that key may take it over.</summary>
    public TimeSpan IdempotencyClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
