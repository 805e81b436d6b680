using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Risk;

/// <summary>
/// The signals that span accounts, read synchronously inside one account's decision: no I/O, no call to another grain.
/// The rule engine asks it about every rule that <see cref="CrossAccountRules.Handles"/> (velocity of scope device or
/// merchant, device_reuse, promo_abuse). The answer is a pure function of the rule, the authorization and the verdicts
/// this silo holds now, which lag the decisions they learn from by at most the verdict lag (docs/concepts.md,
/// "Cross-account verdicts").
/// </summary>
public interface ICrossAccountVerdicts
{
    CrossAccountFinding Evaluate(RiskRule rule, CrossAccountAuthorization authorization);
}

/// <summary>
/// What a cross-account rule needs of the authorization being decided. <paramref name="At"/> is the decision's time (the
/// switch's clock); <paramref name="Amount"/> is in minor units.
/// </summary>
public sealed record CrossAccountAuthorization(
    string AccountId,
    DateTimeOffset AccountOpenedAt,
    long Amount,
    string MerchantId,
    PayerDevice? Device,
    DateTimeOffset At);

/// <summary>
/// The answer for one rule. <see cref="Fires"/>: the rule fires on this authorization (enforce declines, shadow records).
/// <see cref="RaisesAlert"/>: this firing is the first of its burst that the verdicts show, so it alone raises the
/// alert (one alert per burst, not one per payment). <see cref="Subject"/> names the device, IP or merchant that fired.
/// </summary>
public readonly record struct CrossAccountFinding(bool Fires, bool RaisesAlert, string? Subject)
{
    public static readonly CrossAccountFinding None = new(false, false, null);
}
