using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>
/// Holds the sliding window of one subject (<see cref="SignalMonitor"/>) and publishes it to every silo's verdict cache
/// after each change. Publication does not hold up learning: while one is in flight, later changes wait and go out
/// together as the newest verdict. Soft state: a monitor stays active for a window's length after its last decision
/// (<see cref="VerdictOptions.WindowMax"/>); after a crash of its silo it starts again from empty.
/// </summary>
public sealed partial class SignalMonitorGrain(
    IOptions<VerdictOptions> options,
    VerdictBroadcaster broadcaster,
    ILogger<SignalMonitorGrain> logger) : Grain, ISignalMonitorGrain
{
    private SignalMonitor? monitor;
    private long sequence;
    private bool dirty;
    private Task? publishing;

    public Task Observe(IReadOnlyList<SignalEntry> entries)
    {
        monitor ??= new SignalMonitor(this.GetPrimaryKeyString(), options.Value);
        foreach (var entry in entries)
        {
            dirty |= monitor.Observe(entry);
        }

        if (dirty && publishing is not { IsCompleted: false })
        {
            publishing = Publish();
        }

        return Task.CompletedTask;
    }

    private async Task Publish()
    {
        while (dirty && monitor is not null)
        {
            dirty = false;
            sequence = VerdictBroadcaster.NextSequence(sequence);
            var verdict = monitor.Verdict(sequence);
            try
            {
                await broadcaster.Publish(verdict);
            }
            catch (Exception exception)
            {
                LogPublishFailed(exception, monitor.Subject);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor {Subject}: publishing its verdict failed; the next change publishes it again")]
    private partial void LogPublishFailed(Exception exception, string subject);
}
