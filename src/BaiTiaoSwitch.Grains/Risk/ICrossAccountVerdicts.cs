namespace BaiTiaoSwitch.Risk;

/// <summary>
/// Signals that span accounts (velocity scope device or merchant, device_reuse, promo_abuse), read synchronously by the
/// engine inside the decision: an implementation answers from a silo-local cache of verdicts, never with I/O, and the
/// same inputs and verdicts give the same answer (a backtest replays it with verdicts rebuilt as they stood).
/// </summary>
public interface ICrossAccountVerdicts
{
    /// <summary>True when the cross-account signal <paramref name="rule"/> looks for is present for this payment.</summary>
    bool Signals(RiskRule rule, RiskInput input);
}

/// <summary>
/// No cross-account signal, ever: registered only until the monitors that learn them land (issue 8, part V). Until then
/// the cross-account kinds are accepted and stored but never fire.
/// </summary>
public sealed class NoCrossAccountVerdicts : ICrossAccountVerdicts
{
    public bool Signals(RiskRule rule, RiskInput input) => false;
}
