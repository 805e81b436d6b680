using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>Bounds of one backtest.</summary>
public sealed class BacktestOptions
{
    /// <summary>The longest window [from, to) one backtest may replay.</summary>
    public TimeSpan WindowMax { get; set; } = TimeSpan.FromDays(31);

    /// <summary>Rules one backtest may carry.</summary>
    public int RulesMax { get; set; } = 100;

    /// <summary>Decisions one backtest replays at most; a longer history is refused (narrow the window).</summary>
    public long DecisionsMax { get; set; } = 20_000_000;

    /// <summary>Blob requests of the decision history in flight at once for one reading of an hour, or one sweep.</summary>
    public int HistoryRequestsInFlightMax { get; set; } = 8;

    /// <summary>
    /// How long recorded decisions are kept (by the switch's clock); whole hours older than this are deleted. At least
    /// <see cref="WindowMax"/>, so a window of the longest length ending now is fully kept.
    /// </summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(31);

    /// <summary>How often the decision history's sweep runs (an Orleans reminder).</summary>
    public TimeSpan HistorySweepPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Hours of decisions one sweep deletes at most; the rest waits for the next sweep.</summary>
    public int HistorySweepHoursMax { get; set; } = 24;

    /// <summary>Blobs one step of the sweep lists and deletes at most (a listing page), before it lists the next.</summary>
    public int HistorySweepBatchMax { get; set; } = 1_000;

    /// <summary>
    /// Blocks (delivered messages) one decision log holds before its recorder moves to the next log of the hour and
    /// compacts the full one. Azure allows 50,000 blocks an append blob; Azurite keeps a record of every block of a
    /// log in its blob database until it is compacted, so this also bounds that.
    /// </summary>
    public int HistoryBlocksPerBlobMax { get; set; } = 1_000;

    /// <summary>Attempts of one append that loses a race with another writer of the same log (412) before it fails (and is delivered again).</summary>
    public int HistoryAppendAttemptsMax { get; set; } = 10;

    /// <summary>How long after an hour ends the sweep compacts its logs (decisions arrive late by the queue's lag).</summary>
    public TimeSpan HistoryCompactionGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Closed hours each sweep looks back over for logs to compact; a log older than that stays a log until swept.</summary>
    public int HistoryCompactionHoursMax { get; set; } = 48;
}

internal sealed class BacktestOptionsValidator : IValidateOptions<BacktestOptions>
{
    public ValidateOptionsResult Validate(string? name, BacktestOptions options)
    {
        var failures = new List<string>();
        if (options.WindowMax <= TimeSpan.Zero || options.WindowMax > TimeSpan.FromDays(366))
        {
            failures.Add($"{nameof(options.WindowMax)} must be more than 0 and at most 366 days.");
        }

        if (options.RulesMax is < 1 or > 1_000)
        {
            failures.Add($"{nameof(options.RulesMax)} must be from 1 to 1000.");
        }

        if (options.DecisionsMax is < 1 or > 1_000_000_000)
        {
            failures.Add($"{nameof(options.DecisionsMax)} must be from 1 to 1000000000.");
        }

        if (options.HistoryRequestsInFlightMax is < 1 or > 64)
        {
            failures.Add($"{nameof(options.HistoryRequestsInFlightMax)} must be from 1 to 64.");
        }

        if (options.HistoryRetention < options.WindowMax || options.HistoryRetention > TimeSpan.FromDays(3_660))
        {
            failures.Add($"{nameof(options.HistoryRetention)} must be at least {nameof(options.WindowMax)} ({options.WindowMax.TotalDays:0.##} days) and at most 3660 days.");
        }

        if (options.HistorySweepPeriod < TimeSpan.FromMinutes(1) || options.HistorySweepPeriod > TimeSpan.FromDays(1))
        {
            failures.Add($"{nameof(options.HistorySweepPeriod)} must be from 1 minute (Orleans reminders) to 1 day.");
        }

        if (options.HistorySweepHoursMax is < 1 or > 10_000 || TimeSpan.FromHours(options.HistorySweepHoursMax) <= options.HistorySweepPeriod)
        {
            failures.Add($"{nameof(options.HistorySweepHoursMax)} must be from 1 to 10000 and cover more hours than {nameof(options.HistorySweepPeriod)}, so the sweep catches up.");
        }

        if (options.HistorySweepBatchMax is < 1 or > 5_000)
        {
            failures.Add($"{nameof(options.HistorySweepBatchMax)} must be from 1 to 5000 (a blob listing page holds at most 5000).");
        }

        if (options.HistoryBlocksPerBlobMax is < 1 or > 50_000)
        {
            failures.Add($"{nameof(options.HistoryBlocksPerBlobMax)} must be from 1 to 50000 (the blocks of an Azure append blob).");
        }

        if (options.HistoryAppendAttemptsMax is < 1 or > 100)
        {
            failures.Add($"{nameof(options.HistoryAppendAttemptsMax)} must be from 1 to 100.");
        }

        if (options.HistoryCompactionGrace < TimeSpan.Zero || options.HistoryCompactionGrace > TimeSpan.FromDays(1))
        {
            failures.Add($"{nameof(options.HistoryCompactionGrace)} must be from 0 to 1 day.");
        }

        if (options.HistoryCompactionHoursMax is < 1 or > 10_000 || TimeSpan.FromHours(options.HistoryCompactionHoursMax) <= options.HistorySweepPeriod)
        {
            failures.Add($"{nameof(options.HistoryCompactionHoursMax)} must be from 1 to 10000 and cover more hours than {nameof(options.HistorySweepPeriod)}, so every closed hour is looked at.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
