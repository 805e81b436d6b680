namespace BaiTiaoSwitch.Bindings;

/// <summary>
/// Rules of identity-verified binding (configuration section <c>BaiTiaoSwitch:Binding</c>). The lowest credit score
/// that may bind is <c>SwitchOptions.MinimumCreditScore</c>.
/// </summary>
public sealed class BindingOptions
{
    public TimeSpan OtpLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong codes that end a binding attempt.</summary>
    public int OtpWrongTriesMax { get; set; } = 3;

    /// <summary>Failed verifications on one card within <see cref="FailureWindow"/> that lock binding on it.</summary>
    public int FailuresBeforeLockMax { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan LockDuration { get; set; } = TimeSpan.FromHours(1);
}
