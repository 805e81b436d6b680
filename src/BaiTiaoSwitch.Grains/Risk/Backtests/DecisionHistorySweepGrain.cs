using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Risk.Backtests;

public sealed partial class DecisionHistorySweepGrain(IDecisionHistory history, IOptions<BacktestOptions> options, TimeProvider clock, ILogger<DecisionHistorySweepGrain> logger)
    : Grain, IDecisionHistorySweepGrain, IRemindable
{
    private const string ReminderName = "decision-history-sweep";

    public async Task Start()
    {
        if (await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, options.Value.HistorySweepPeriod, options.Value.HistorySweepPeriod);
        }
    }

    public async Task<int> SweepNow()
    {
        var now = clock.GetUtcNow();
        var before = now - options.Value.HistoryRetention;
        var deleted = await history.Forget(before, options.Value.HistorySweepHoursMax);
        LogSwept(deleted, before);

        // The hours closed since the last pass (and any log written late into an earlier one) take their compact form.
        var compacted = await history.Compact(now - options.Value.HistoryCompactionGrace, options.Value.HistoryCompactionHoursMax);
        LogCompacted(compacted);
        return deleted;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepNow();

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision history: {Deleted} decisions of the hours before {Before:u} deleted")]
    private partial void LogSwept(int deleted, DateTimeOffset before);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision history: {Compacted} logs of closed hours compacted")]
    private partial void LogCompacted(int compacted);
}
