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

    /// <summary>How long the decision history's first waiting row lingers for more rows of its partition while a transaction is in flight.</summary>
    public TimeSpan HistoryLinger { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Transactions of one decision-history partition in flight at once on a silo.</summary>
    public int HistoryInFlightMax { get; set; } = 1;
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

        if (options.HistoryLinger < TimeSpan.Zero || options.HistoryLinger > TimeSpan.FromSeconds(5))
        {
            failures.Add($"{nameof(options.HistoryLinger)} must be from 0 to 5 seconds.");
        }

        if (options.HistoryInFlightMax is < 1 or > 64)
        {
            failures.Add($"{nameof(options.HistoryInFlightMax)} must be from 1 to 64.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
