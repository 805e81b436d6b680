namespace BaiTiaoSwitch.Risk;

/// <summary>One backtest (key: its id). It reads the decision history, never a live account.</summary>
public interface IBacktestGrain : IGrainWithStringKey
{
    [IssuerOnly]
    Task<Backtest> Run(BacktestRequest request);
}
