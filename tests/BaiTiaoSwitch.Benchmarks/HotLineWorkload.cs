namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Journal writes in the measured window (counted by <see cref="TimedGrainStorage"/>: the account deletes entries below
/// its snapshot, so counting the table's entities afterwards would undercount) against the authorizations answered in
/// it, and the size of the entries still stored.
/// </summary>
public sealed record JournalUse(long Writes, long Authorizations, double AverageEntityBytes, long MaxEntityBytes)
{
    public static JournalUse Of(LoadResult load, (int Entities, double AverageBytes, long MaxBytes) sizes) =>
        new(load.JournalWrites, load.Approved + load.Declined + load.Failed, sizes.AverageBytes, sizes.MaxBytes);

    public double AverageBatch => Writes == 0 ? double.NaN : (double)Authorizations / Writes;

    public string Summary() =>
        $"journal: {Writes:N0} writes for {Authorizations:N0} authorizations in the window = {AverageBatch:0.0} per durable write" +
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
        var load = await LoadRunner.Run(name, options.HotCallers, options.Warmup, options.Measure, azurite, (caller, _) => line.Authorize(caller));
        var journalUse = JournalUse.Of(load, await journal.SampleSizes(JournalTable.AccountPrefix(cluster.ServiceId, line.AccountId), 100));
        var stored = await DurabilityCheck.Run(cluster, line, load.ApprovedIncludingWarmup, load.FailedIncludingWarmup, options.AmountFen);
        return new HotLineResult(load, journalUse, stored);
    }
}
