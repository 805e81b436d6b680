namespace BaiTiaoSwitch.Benchmarks.OpenLoop;

public sealed record OpenLoopLeg(OpenLoopResult Load, StoredCheck Stored);

/// <summary>
/// The hot line driven open-loop at fixed fractions of its saturation throughput (the closed-loop maximum of part a).
/// Each rate gets a fresh line, so every leg starts from the same small state, and its own durability check.
/// </summary>
public static class HotLineOpenLoop
{
    public static async Task<OpenLoopLeg> Run(BenchCluster cluster, BenchOptions options, double saturation, double fraction, ProcessCpu? azurite)
    {
        var line = await HotLine.Open(cluster, options.AmountFen);
        var load = await OpenLoopRunner.Run($"{100 * fraction:0}% of saturation", fraction, saturation * fraction, options.Warmup, options.Measure, azurite, sequence => line.Authorize((int)(sequence & 1)));
        var stored = await DurabilityCheck.Run(cluster, line, load.ApprovedIncludingWarmup, load.FailedIncludingWarmup, options.AmountFen);
        return new OpenLoopLeg(load, stored);
    }
}
