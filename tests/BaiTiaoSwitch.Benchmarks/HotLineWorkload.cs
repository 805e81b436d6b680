namespace BaiTiaoSwitch.Benchmarks;

public sealed record JournalUse(long Entities, long Calls, double AverageEntityBytes, long MaxEntityBytes)
{
    public double AverageBatch => Entities == 0 ? double.NaN : (double)Calls / Entities;

    public string Summary() =>
        $"journal: {Entities:N0} entities for {Calls:N0} authorizations = {AverageBatch:0.0} per durable write" +
        (AverageEntityBytes > 0 ? $"; entity {AverageEntityBytes / 1024:0.0} KiB avg, {MaxEntityBytes / 1024.0:0.0} KiB max in sample ({AverageEntityBytes / Math.Max(1, AverageBatch):0} B per authorization)" : "");
}

public sealed record HotLineResult(LoadResult Load, JournalUse Journal, StoredCheck Stored);

/// <summary>
/// Workload (a), closed loop: many concurrent wallet callers on one <see cref="HotLine"/> through the SDK, each sending
/// its next authorization when the last one was answered. Its throughput is the line's saturation throughput.
/// </summary>
public static class HotLineWorkload
{
    public static async Task<HotLineResult> Run(BenchCluster cluster, BenchOptions options, JournalTable journal, ProcessCpu? azurite, string name)
    {
        var line = await HotLine.Open(cluster, options.AmountFen);
        var prefix = JournalTable.AccountPrefix(cluster.ServiceId, line.AccountId);
        var entitiesBefore = await journal.Count(prefix);
        var load = await LoadRunner.Run(name, options.HotCallers, options.Warmup, options.Measure, azurite, (caller, _) => line.Authorize(caller));
        var entities = await journal.Count(prefix) - entitiesBefore;
        var sizes = await journal.SampleSizes(prefix, entitiesBefore + (entities / 2), 100);
        var journalUse = new JournalUse(entities, load.CallsIncludingWarmup, sizes.AverageBytes, sizes.MaxBytes);
        var stored = await DurabilityCheck.Run(cluster, line, load.ApprovedIncludingWarmup, load.FailedIncludingWarmup, options.AmountFen);
        return new HotLineResult(load, journalUse, stored);
    }
}
