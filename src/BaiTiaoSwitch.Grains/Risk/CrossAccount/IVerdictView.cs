namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>The verdicts a cross-account rule reads: the live silo cache, or the windows a backtest rebuilds as they stood.</summary>
public interface IVerdictView
{
    SignalWindow? Window(string subject);
}
