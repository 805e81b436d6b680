namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// Rules of identity-verified binding (configuration section <c>BaiTiaoSwitch:Binding</c>). The lowest credit score
/// that may bind is <c>SwitchOptions.MinimumCreditScore</c>. Every window and count that binding keeps has its bound here.
/// </summary>
public sealed class BindingOptions
{
    /// <summary>The windows of the "per hour" limits below.</summary>
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public TimeSpan OtpLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong codes that end a binding attempt.</summary>
    public int OtpWrongTriesMax { get; set; } = 3;

    /// <summary>Failed verifications on one card (refused starts and wrong codes) within <see cref="FailureWindow"/> that lock binding on it.</summary>
    public int FailuresBeforeLockMax { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan LockDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Codes checked on one card within an hour, across all its attempts and channels, right or wrong; more is verification_locked.</summary>
    public int CodeGuessesPerCardPerHourMax { get; set; } = 10;

    /// <summary>Codes sent to one phone within an hour; a start beyond it is verification_locked.</summary>
    public int CodesPerPhonePerHourMax { get; set; } = 5;

    /// <summary>
    /// The least time a start refused for its elements takes, measured from its arrival at the card. The work of the
    /// check is the same for a known and an unknown number, but how long it takes is not fully the switch's to decide:
    /// a known card's account may have to be loaded (and its reminder registered) while a decoy has nothing to load.
    /// Below this floor the two cannot be told apart by time. Zero turns it off.
    /// </summary>
    public TimeSpan RefusalTimeMin { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a binding attempt is kept after it ended (verified, wrong codes, expired or superseded), so a retried
    /// verify still finds its answer; then its record is deleted. At least 24 hours, as idempotency keys are kept.
    /// </summary>
    public TimeSpan AttemptRetention { get; set; } = TimeSpan.FromHours(48);
}
