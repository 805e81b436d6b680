using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Risk.CrossAccount;

namespace BaiTiaoSwitch.Tests.Risk.Verdicts;

/// <summary>Builders of rules, decisions and verdicts for the cross-account tests.</summary>
internal static class Signals
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static RiskRule Rule(RiskRuleKind kind, RuleParameters parameters, RiskMode mode = RiskMode.Enforce, string ruleId = "r-1") =>
        new(ruleId, kind, mode, RiskAction.None, parameters, Now, 1);

    public static RiskRule DeviceVelocity(int? countMax = null, long? amountMax = null, int windowSeconds = 600) =>
        Rule(RiskRuleKind.Velocity, new RuleParameters(Scope: VelocityScope.Device, WindowSeconds: windowSeconds, CountMax: countMax, AmountMax: amountMax));

    public static RiskRule MerchantVelocity(int? countMax = null, long? amountMax = null, int windowSeconds = 600) =>
        Rule(RiskRuleKind.Velocity, new RuleParameters(Scope: VelocityScope.Merchant, WindowSeconds: windowSeconds, CountMax: countMax, AmountMax: amountMax));

    public static RiskRule DeviceReuse(int accountsMax, int windowSeconds = 600) =>
        Rule(RiskRuleKind.DeviceReuse, new RuleParameters(WindowSeconds: windowSeconds, AccountsMax: accountsMax));

    public static RiskRule PromoAbuse(int accountsMax, long amountMax = 1_000, int ageDaysMax = 7, int windowSeconds = 600, string? merchantId = null, RiskMode mode = RiskMode.Enforce) =>
        Rule(RiskRuleKind.PromoAbuse, new RuleParameters(WindowSeconds: windowSeconds, AmountMax: amountMax, AccountsMax: accountsMax, AccountAgeDaysMax: ageDaysMax, MerchantId: merchantId), mode);

    public static RiskInput Payment(string accountId, long amount = 500, string merchantId = "m-1", string? device = "d-1", string? ip = null, DateTimeOffset? at = null, DateTimeOffset? openedAt = null) =>
        new(accountId, "g-" + accountId, "c-" + accountId, "alipay", amount, new Merchant(merchantId, "Shop", "5411", "CN"),
            device is null && ip is null ? null : new PayerDevice(device, ip), at ?? Now, openedAt ?? Now.AddDays(-1));

    private static int sequence;

    /// <summary>The entry a monitor keeps for <paramref name="payment"/>, decided as <paramref name="approved"/>.</summary>
    public static SignalEntry Entry(RiskInput payment, bool approved = true, params string[] firedRuleIds) =>
        new("evt-" + Interlocked.Increment(ref sequence), "auth-" + sequence, payment.AccountId, payment.At, payment.Amount, payment.AccountOpenedAt, approved, firedRuleIds);
}

/// <summary>The verdicts a test holds: windows built by <see cref="SignalMonitor"/> exactly as the monitors build them.</summary>
internal sealed class TestVerdicts : IVerdictView
{
    private readonly Dictionary<string, SignalMonitor> monitors = new(StringComparer.Ordinal);
    private readonly VerdictOptions options = new();

    public SignalWindow? Window(string subject) => monitors.TryGetValue(subject, out var monitor) ? monitor.Verdict(0) : null;

    /// <summary>Records <paramref name="payment"/> as its monitors would learn it from the stream.</summary>
    public SignalEntry Record(RiskInput payment, bool approved = true, params string[] firedRuleIds)
    {
        var entry = Signals.Entry(payment, approved, firedRuleIds);
        foreach (var subject in SignalSubjects.Of(payment.Merchant.Id, payment.Device))
        {
            if (!monitors.TryGetValue(subject, out var monitor))
            {
                monitors[subject] = monitor = new SignalMonitor(subject, options);
            }

            monitor.Observe(entry);
        }

        return entry;
    }
}

/// <summary>Verdicts of a cluster that has seen no decision: no cross-account rule fires (tests of a line alone).</summary>
internal sealed class NoVerdicts : IVerdictView
{
    public static readonly ICrossAccountVerdicts Instance = new CrossAccountVerdicts(new NoVerdicts());

    public SignalWindow? Window(string subject) => null;
}
