namespace BaiTiaoSwitch.Risk.Backtests;

/// <summary>
/// Keeps the decision history bounded: a reminder every <see cref="BacktestOptions.HistorySweepPeriod"/> deletes the
/// hours older than <see cref="BacktestOptions.HistoryRetention"/> by the switch's clock, and compacts the hours closed
/// (<see cref="BacktestOptions.HistoryCompactionGrace"/> ago) in the last <see cref="BacktestOptions.HistoryCompactionHoursMax"/>.
/// One per cluster (key 0).
/// </summary>
public interface IDecisionHistorySweepGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the sweep reminder exists. Cheap to repeat.</summary>
    Task Start();

    /// <summary>Deletes what is due now, at most <see cref="BacktestOptions.HistorySweepHoursMax"/> hours, then compacts. Returns how many decisions were deleted.</summary>
    Task<int> SweepNow();
}
