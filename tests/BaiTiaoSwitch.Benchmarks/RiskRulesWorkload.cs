using BaiTiaoSwitch.Risk;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>Part k: the hot line's throughput with no rule, with six active rules, and with none again, in one cluster.</summary>
public sealed record RiskRulesResult(LoadResult Without, LoadResult With, LoadResult WithoutAgain, long RuleSetVersion)
{
    /// <summary>The figure with rules over the mean of the two figures without (one on each side, so drift cancels out).</summary>
    public double Ratio => With.AuthorizationsPerSecond / ((Without.AuthorizationsPerSecond + WithoutAgain.AuthorizationsPerSecond) / 2);

    public bool Passed => Ratio >= RiskRulesWorkload.RatioMin && With.Declined == 0 && With.Failed == 0;
}

/// <summary>
/// The hot line (workload a, closed loop) on fresh lines: first with no rule, then with six rules in mode enforce, one of
/// each kind, then with them off again. The rules are evaluated on every authorization and set so that none fires on
/// this traffic (one merchant, one country, two wallets, the same amount): the figure is the cost of evaluating them
/// and of keeping each line's risk memory (its ring slot, sketch and countries journaled with every batch). The
/// cross-account kinds ask the silo's verdicts, whatever is registered (until part V lands: the null object).
/// </summary>
public static class RiskRulesWorkload
{
    public const double RatioMin = 0.85;

    public static readonly (string Id, RuleDraft Draft)[] SixRules =
    [
        ("bench-velocity", new(RiskRuleKind.Velocity, RiskMode.Enforce, RiskAction.SuspendGrant, new RuleParameters(VelocityScope.Card, WindowSeconds: 3_600, AmountMax: 1_000_000_000_000))),
        ("bench-spike", new(RiskRuleKind.AmountSpike, RiskMode.Enforce, RiskAction.FreezeCard, new RuleParameters(Factor: 10, HistoryMin: 5))),
        ("bench-country", new(RiskRuleKind.NewCountry, RiskMode.Enforce, RiskAction.None, new RuleParameters())),
        ("bench-fanout", new(RiskRuleKind.WalletFanout, RiskMode.Enforce, RiskAction.FreezeCard, new RuleParameters(WindowSeconds: 600, WalletsMax: 2))),
        ("bench-device", new(RiskRuleKind.DeviceReuse, RiskMode.Enforce, RiskAction.FreezeAccount, new RuleParameters(WindowSeconds: 600, AccountsMax: 1_000))),
        ("bench-promo", new(RiskRuleKind.PromoAbuse, RiskMode.Enforce, RiskAction.SuspendGrant, new RuleParameters(WindowSeconds: 600, AmountMax: 1, AccountsMax: 1_000, AccountAgeDaysMax: 0))),
    ];

    public static async Task<RiskRulesResult> Run(BenchCluster cluster, BenchOptions options, ProcessCpu? azurite)
    {
        var issuer = cluster.Issuer();
        var without = await Hot(cluster, options, azurite, "k-none");
        long version = 0;
        foreach (var (id, draft) in SixRules)
        {
            version = (await issuer.PutRiskRuleAsync(id, draft)).Version;
        }

        await EverySiloHolds(cluster, version);
        var with = await Hot(cluster, options, azurite, "k-6-rules");
        foreach (var (id, draft) in SixRules)
        {
            version = (await issuer.PutRiskRuleAsync(id, draft with { Mode = RiskMode.Off })).Version;
        }

        await EverySiloHolds(cluster, version);
        var withoutAgain = await Hot(cluster, options, azurite, "k-none-again");
        return new RiskRulesResult(without, with, withoutAgain, version);
    }

    private static Task EverySiloHolds(BenchCluster cluster, long version) =>
        Task.WhenAll(cluster.Cluster.GetActiveSilos().Select(silo =>
            ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<RuleSetCache>().WhenAtLeast(version))).WaitAsync(TimeSpan.FromSeconds(30));

    private static async Task<LoadResult> Hot(BenchCluster cluster, BenchOptions options, ProcessCpu? azurite, string name)
    {
        var line = await HotLine.Open(cluster, options.AmountFen);
        return await LoadRunner.Run(name, options.HotCallers, options.Warmup, options.Measure, azurite, (caller, _) => line.Authorize(caller));
    }
}
