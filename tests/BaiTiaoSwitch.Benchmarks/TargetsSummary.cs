using System.Globalization;
using System.Text.RegularExpressions;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// The end of a run: every headline figure next to its PostgreSQL peer and its target from issue 7 (2 cores, shared
/// Azurite, all in one run), with the ratio. A target whose figure was not measured in this run says so.
/// </summary>
public static partial class TargetsSummary
{
    private const double HotTarget = 20_000;
    private const double HotVersusForUpdateTarget = 10;
    private const double OpenLoopP99TargetMs = 5;
    private const double SpreadVersusPeerTarget = 1.0;
    private const double SpreadVersusPeerAim = 2.0;
    private const double SetupTarget = 1_000;
    private const double IdleLineTargetBytes = 4096;
    private const double HttpTarget = 10_000;
    private const double GroupVersusSingleTarget = 10;

    public static void Print(Report report, BenchOptions options)
    {
        Report.Section("Summary: figures of this run, the PostgreSQL peer beside them, and the targets of issue 7");
        Console.WriteLine($"  load average at the end: {MachineInfo.LoadAverage()} (figures taken while other work ran are low; see the 'other' CPU of each phase)");
        var peer = report.Peer;
        if (peer?.Missing is not null)
        {
            Console.WriteLine($"  PostgreSQL peer: not run: {peer.Missing}");
        }

        if (report.HotGroup is { } hot)
        {
            var rate = hot.Load.AuthorizationsPerSecond;
            Row("(a) hot line, closed loop", $"{rate:N0} auth/s (p99 {hot.Load.Percentile(0.99):0.0} ms, {options.HotCallers} callers)", AtLeast(rate, HotTarget, $"{HotTarget:N0}/s"));
            Versus("vs PostgreSQL FOR UPDATE", rate, peer?.ForUpdate?.Run.Tps, HotVersusForUpdateTarget);
            Versus("vs PostgreSQL conditional UPDATE", rate, peer?.ConditionalUpdate?.Run.Tps, null);
        }

        foreach (var leg in report.OpenLoop)
        {
            var load = leg.Load;
            var figure = $"p99 {load.Ms(99):0.00} ms at {load.AnsweredPerSecond:N0}/s (p50 {load.Ms(50):0.00}, p90 {load.Ms(90):0.00}, p99.9 {load.Ms(99.9):0.00}, max {load.MaxMs:0.0})";
            var verdict = Math.Abs(load.Fraction - 0.5) < 1e-9 ? AtMost(load.Ms(99), OpenLoopP99TargetMs, $"{OpenLoopP99TargetMs} ms p99 at 50%") : "";
            Row($"    open loop at {load.Name}", figure + (load.Sustained ? "" : ", rate NOT sustained"), verdict);
        }

        if (report.Zipf is { } zipf)
        {
            var rate = zipf.Load.AuthorizationsPerSecond;
            Row($"(b) spread, {zipf.Setup.Lines:N0} Zipf lines", $"{rate:N0} auth/s (p99 {zipf.Load.Percentile(0.99):0.0} ms, {options.ZipfCallers} callers, {zipf.Journal.AverageBatch:0.0} per journal write)", "");
            Versus("vs PostgreSQL Zipf lines", rate, peer?.Zipf?.Run.Tps, SpreadVersusPeerTarget, $" (aim {SpreadVersusPeerAim:0}x)");
            if (report.Batched is { } batched)
            {
                Row("    Azurite batched write ceiling", $"{batched.EntitiesPerSecond:N0} entities/s in transactions of {batched.EntitiesPerTransaction}; (b) is {100 * rate / batched.EntitiesPerSecond:0.0}% of it", "");
            }

            if (report.Raw.FirstOrDefault(r => r.Parallelism > 1 && r.PayloadBytes == 1024) is { } parallel)
            {
                Row("    Azurite single inserts", $"{parallel.PerSecond:N0}/s with {parallel.Parallelism} in flight: one write per request caps (b) near {parallel.PerSecond * zipf.Journal.AverageBatch:N0} auth/s", "");
            }

            var setup = zipf.Setup;
            Row("(b) setup", $"{setup.LinesPerSecond:N0} lines/s ({setup.Lines:N0} in {setup.Seconds:0} s), {setup.OperationsPerLine:0.0} storage operations per line", AtLeast(setup.LinesPerSecond, SetupTarget, $"{SetupTarget:N0} lines/s"));
            Row("idle activated line", $"{zipf.Memory.BytesPerLine:N0} B ({zipf.Memory.BytesPerLine / 1024:0.00} KiB) over {zipf.Memory.Lines:N0} lines", AtMost(zipf.Memory.BytesPerLine, IdleLineTargetBytes, "4 KiB"));
        }

        var http = HttpFigure(options.HttpResultFile);
        Row("signed HTTP, one line", http is null ? $"not in this run: {(options.HttpResultFile is null ? "pass --http-result FILE with the output of tests/BaiTiaoSwitch.Gateway.Benchmarks (deploy/local/bench.sh does)" : $"no 'auth/s' figure in {options.HttpResultFile}")}" : $"{http:N0} auth/s (from {options.HttpResultFile})",
            http is null ? $"[target >= {HttpTarget:N0}/s: not measured]" : AtLeast(http.Value, HttpTarget, $"{HttpTarget:N0}/s"));
        if (report.HotGroup is { } group && report.HotSingle is { } single && single.Load.AuthorizationsPerSecond > 0)
        {
            var ratio = group.Load.AuthorizationsPerSecond / single.Load.AuthorizationsPerSecond;
            Row("group commit / one write each", $"{ratio:0.0}x ({single.Load.AuthorizationsPerSecond:N0} auth/s with one write per request)", AtLeast(ratio, GroupVersusSingleTarget, $"{GroupVersusSingleTarget:0}x"));
        }

        var peerRan = peer is { Missing: null };
        Console.WriteLine(report.AllChecksPassed
            ? $"  durability: every acknowledged approval was found in storage after each leg{(peerRan ? "; every peer ledger conserved" : "")}"
            : "  durability: CHECK FAILED (see above)");
    }

    private static void Versus(string label, double switchRate, double? peerTps, double? target, string aim = "")
    {
        if (peerTps is not { } tps || double.IsNaN(tps) || tps <= 0)
        {
            Row($"    {label}", "peer not measured in this run", target is null ? "" : $"[target >= {target:0.0}x: not measured]");
            return;
        }

        var ratio = switchRate / tps;
        Row($"    {label}", $"{tps:N0} TPS: switch/peer = {ratio:0.00}x", target is null ? "" : AtLeast(ratio, target.Value, $"{target:0.0}x{aim}"));
    }

    private static void Row(string label, string figure, string verdict) =>
        Console.WriteLine($"  {label,-36} {figure}{(verdict.Length == 0 ? "" : "   " + verdict)}");

    private static string AtLeast(double value, double target, string what) =>
        value >= target ? $"[target >= {what}: met]" : $"[target >= {what}: NOT met, {100 * value / target:0}% of it]";

    private static string AtMost(double value, double target, string what) =>
        value <= target ? $"[target <= {what}: met]" : $"[target <= {what}: NOT met, {value / target:0.0}x of it]";

    /// <summary>The authorization rate printed by tests/BaiTiaoSwitch.Gateway.Benchmarks ("  4505 auth/s (…)"), when it ran in authorize mode.</summary>
    private static double? HttpFigure(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path);
        var match = AuthPerSecond().Match(text);
        return text.Contains("mode authorize", StringComparison.Ordinal) && match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^\s+(\d+) auth/s", RegexOptions.Multiline)]
    private static partial Regex AuthPerSecond();
}
