using System.Diagnostics;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Risk.Backtests;
using BaiTiaoSwitch.Risk.CrossAccount;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/BaiTiaoSwitch.Benchmarks -- backtest [decisions]
/// Replays a recorded-like history (default 1,000,000 decisions: 20,000 accounts, 2,000 merchants, one device per account and 2% of payments from any of 30,000 devices,
/// about 200 decisions/s of switch time) through one rule of each kind (velocity at four scopes), and prints how long it took.
/// </summary>
public static class BacktestBenchmark
{
    public static int Run(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var random = new Random(8);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var opened = Enumerable.Range(0, 20_000).Select(_ => start.AddDays(-random.Next(0, 60))).ToArray();
        var merchants = Enumerable.Range(0, 2_000).Select(i => new Merchant("m-" + i, "Shop " + i, "5411", "CN")).ToArray();
        var labels = new Dictionary<string, AlertOutcome>();
        var history = new List<SwitchEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var account = random.Next(opened.Length);
            var device = random.Next(100) < 2 ? random.Next(30_000) : account;
            var approved = random.Next(100) < 95;
            var at = start.AddMilliseconds(i * 5L);
            var decision = new DecisionEvent("auth-" + i, "grant-" + account, "card-" + account, "alipay", Money.Fen(100 + random.Next(50_000)), merchants[random.Next(merchants.Length)],
                new PayerDevice("dev-" + device, "10.0." + (device % 250) + "." + (device / 250 % 250)), approved ? Decision.Approved : Decision.Declined,
                approved ? null : DeclineReason.InsufficientCredit, [], opened[account]);
            history.Add(new SwitchEvent(SwitchEvent.IdOf("acct-" + account, i, 0), "acct-" + account, at, decision, null));
            var label = random.Next(100);
            if (label < 2)
            {
                labels["auth-" + i] = label == 0 ? AlertOutcome.Fraud : AlertOutcome.Legitimate;
            }
        }

        RiskRule Rule(string id, RiskRuleKind kind, RuleParameters parameters) => new(id, kind, RiskMode.Enforce, RiskAction.None, parameters, start, 1);
        IReadOnlyList<RiskRule> rules =
        [
            Rule("velocity-account", RiskRuleKind.Velocity, new RuleParameters(Scope: VelocityScope.Account, WindowSeconds: 3600, CountMax: 60)),
            Rule("velocity-card", RiskRuleKind.Velocity, new RuleParameters(Scope: VelocityScope.Card, WindowSeconds: 600, AmountMax: 2_000_000)),
            Rule("amount-spike", RiskRuleKind.AmountSpike, new RuleParameters(Factor: 5, HistoryMin: 10)),
            Rule("new-country", RiskRuleKind.NewCountry, new RuleParameters()),
            Rule("wallet-fanout", RiskRuleKind.WalletFanout, new RuleParameters(WalletsMax: 2, WindowSeconds: 3600)),
            Rule("velocity-device", RiskRuleKind.Velocity, new RuleParameters(Scope: VelocityScope.Device, WindowSeconds: 600, CountMax: 30)),
            Rule("velocity-merchant", RiskRuleKind.Velocity, new RuleParameters(Scope: VelocityScope.Merchant, WindowSeconds: 60, AmountMax: 5_000_000)),
            Rule("device-reuse", RiskRuleKind.DeviceReuse, new RuleParameters(WindowSeconds: 3600, AccountsMax: 3)),
            Rule("promo", RiskRuleKind.PromoAbuse, new RuleParameters(WindowSeconds: 600, AmountMax: 1_000, AccountsMax: 20, AccountAgeDaysMax: 7)),
        ];

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var replay = new BacktestReplay(rules, labels, new RiskOptions(), new VerdictOptions());
        foreach (var recorded in history)
        {
            replay.Replay(recorded);
        }

        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: false);
        Console.WriteLine($"backtest: {replay.Decisions:N0} decisions through {rules.Count} rules (velocity account/card/device/merchant, amount_spike, new_country, wallet_fanout, device_reuse, promo_abuse) in {clock.Elapsed.TotalSeconds:F2} s, CPU {cpu.TotalSeconds:F2} s " +
            $"({replay.Decisions / clock.Elapsed.TotalSeconds:N0} decisions/s, one thread; windows ~{(memoryAfter - memoryBefore) / (1024 * 1024):N0} MiB)");
        Console.WriteLine($"  wouldDecline {replay.WouldDecline:N0}, of them fraud {replay.WouldDeclineFraud:N0} and legitimate {replay.WouldDeclineLegitimate:N0}; missedFraud {replay.MissedFraud:N0}");
        Console.WriteLine($"  machine: {Environment.ProcessorCount} cores, load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?")}; history built in memory (reading it from the decision history table is not in this figure)");
        return 0;
    }
}
