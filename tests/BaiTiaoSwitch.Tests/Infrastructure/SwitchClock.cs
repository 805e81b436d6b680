using Microsoft.Extensions.Time.Testing;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>
/// The time the silos see: the test's fake clock says what time it is (the switch's business time, moved by tests),
/// while every timer and delay made through it runs on real time. Orleans' machinery that takes the default time
/// provider (the stream pulling agents' read timers, system-target timers) keeps running without a test moving the clock.
/// </summary>
public sealed class SwitchClock(FakeTimeProvider now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => now.LocalTimeZone;

    public override long TimestampFrequency => System.TimestampFrequency;

    public override long GetTimestamp() => System.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => System.CreateTimer(callback, state, dueTime, period);
}
