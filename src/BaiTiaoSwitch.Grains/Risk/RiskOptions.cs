using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Risk;

/// <summary>Settings of the risk rules and of what each line remembers for them. Every bound is named here.</summary>
public sealed class RiskOptions
{
    /// <summary>Rules the cluster holds at most (every one is evaluated on every authorization).</summary>
    public int RulesMax { get; set; } = 64;

    /// <summary>The longest window a velocity or wallet_fanout rule may have.</summary>
    public TimeSpan RuleWindowMax { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Approved authorizations each line remembers for velocity and wallet_fanout (a ring, newest kept). A velocity
    /// rule's countMax must stay below it, so that a count past countMax is always seen; an amountMax sums what the
    /// ring holds of the window.
    /// </summary>
    public int RecentPaymentsMax { get; set; } = 256;

    /// <summary>
    /// The longest window a cross-account rule (velocity by device or merchant, device_reuse, promo_abuse) may have: the
    /// monitors keep every subject's decisions this long (it sets <c>VerdictOptions.WindowMax</c>).
    /// </summary>
    public TimeSpan CrossAccountWindowMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Merchant countries each line remembers for new_country (the earliest seen leave first).</summary>
    public int CountriesMax { get; set; } = 32;

    /// <summary>
    /// Amounts the holder's amount sketch (amount_spike) weighs at most: past it every bucket is halved, so the
    /// sketch follows the holder's recent habits and its counters stay bounded.
    /// </summary>
    public int AmountSketchWeightMax { get; set; } = 4_096;

    /// <summary>The most an amount_spike factor may be.</summary>
    public double SpikeFactorMax { get; set; } = 1_000;

    /// <summary>The most accounts a device_reuse or promo_abuse rule may count.</summary>
    public int AccountsMax { get; set; } = 100_000;

    /// <summary>How long a silo's watch of the rules waits for a change before it asks again (below the response timeout).</summary>
    public TimeSpan RulesWatchHold { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long a change waits, before it is answered, for every silo watching the rules to hold it; a silo that has
    /// not by then (it stopped, or its watch is being made again) gets it when it watches next.
    /// </summary>
    public TimeSpan RulesPushWaitMax { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a silo waits before watching again after a failed watch.</summary>
    public TimeSpan RulesWatchRetry { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a line's activation waits for its silo's first copy of the rules before it decides without them.</summary>
    public TimeSpan RulesLoadWaitMax { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class RiskOptionsValidator(IOptions<Orleans.Configuration.SiloMessagingOptions> messaging) : IValidateOptions<RiskOptions>
{
    public ValidateOptionsResult Validate(string? name, RiskOptions options)
    {
        var failures = new List<string>();
        Check(failures, options.RulesMax is >= 1 and <= 1_000, nameof(options.RulesMax), "must be from 1 to 1000");
        Check(failures, options.RuleWindowMax >= TimeSpan.FromSeconds(1) && options.RuleWindowMax <= TimeSpan.FromDays(366), nameof(options.RuleWindowMax), "must be from 1 second to 366 days");
        Check(failures, options.CrossAccountWindowMax >= TimeSpan.FromSeconds(1) && options.CrossAccountWindowMax <= TimeSpan.FromDays(1), nameof(options.CrossAccountWindowMax), "must be from 1 second to 1 day");
        Check(failures, options.RecentPaymentsMax is >= 2 and <= 100_000, nameof(options.RecentPaymentsMax), "must be from 2 to 100000");
        Check(failures, options.CountriesMax is >= 1 and <= 1_000, nameof(options.CountriesMax), "must be from 1 to 1000");
        Check(failures, options.AmountSketchWeightMax is >= 2 and <= 1_000_000, nameof(options.AmountSketchWeightMax), "must be from 2 to 1000000");
        Check(failures, options.SpikeFactorMax is > 1 and <= 1_000_000, nameof(options.SpikeFactorMax), "must be above 1 and at most 1000000");
        Check(failures, options.AccountsMax is >= 1 and <= 10_000_000, nameof(options.AccountsMax), "must be from 1 to 10000000");
        Check(failures, options.RulesWatchHold >= TimeSpan.FromMilliseconds(100) && options.RulesWatchHold <= TimeSpan.FromMinutes(5), nameof(options.RulesWatchHold), "must be from 100 ms to 5 minutes");
        Check(failures, options.RulesWatchHold < messaging.Value.ResponseTimeout, nameof(options.RulesWatchHold), "must be below the silo's messaging ResponseTimeout, or every watch times out");
        Check(failures, options.RulesPushWaitMax >= TimeSpan.Zero && options.RulesPushWaitMax < messaging.Value.ResponseTimeout, nameof(options.RulesPushWaitMax), "must be from 0 to below the silo's messaging ResponseTimeout");
        Check(failures, options.RulesWatchRetry >= TimeSpan.FromMilliseconds(10) && options.RulesWatchRetry <= TimeSpan.FromMinutes(1), nameof(options.RulesWatchRetry), "must be from 10 ms to 1 minute");
        Check(failures, options.RulesLoadWaitMax >= TimeSpan.Zero && options.RulesLoadWaitMax <= TimeSpan.FromMinutes(1), nameof(options.RulesLoadWaitMax), "must be from 0 to 1 minute");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, bool ok, string setting, string rule)
    {
        if (!ok)
        {
            failures.Add($"Risk:{setting} {rule}.");
        }
    }
}
