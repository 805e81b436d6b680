namespace BaiTiaoSwitch.Risk;

/// <summary>
/// The signals that span accounts, read synchronously by <see cref="RiskEngine"/> inside one account's decision for the
/// cross-account kinds (velocity of scope device or merchant, device_reuse, promo_abuse): no I/O, no call to another
/// grain. The answer is a pure function of the rule, the payment and the verdicts it reads (this silo's cache live, which
/// lags the decisions it learns from by at most the verdict lag; the windows a backtest rebuilds as they stood), so the
/// same inputs and verdicts give the same answer (docs/concepts.md, "Cross-account verdicts").
/// </summary>
public interface ICrossAccountVerdicts
{
    CrossAccountFinding Evaluate(RiskRule rule, RiskInput input);
}

/// <summary>
/// The answer for one rule. <see cref="Fires"/>: the rule fires on this payment (enforce declines, shadow records).
/// <see cref="RaisesAlert"/>: the firing raises an alert; a promo_abuse firing raises one only when it is the first of
/// its burst that the verdicts show (one alert per burst, not one per payment). <see cref="Subject"/> names the device,
/// IP or merchant that fired.
/// </summary>
public readonly record struct CrossAccountFinding(bool Fires, bool RaisesAlert, string? Subject)
{
    public static readonly CrossAccountFinding None = new(false, false, null);
}
