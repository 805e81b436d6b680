using Microsoft.Extensions.DependencyInjection;
using System.Runtime;

namespace BaiTiaoSwitch.Benchmarks.Lines;

public sealed record HeapSnapshot(long Bytes, IReadOnlyDictionary<string, int> Activations);

public sealed record IdleMemoryResult(int Lines, HeapSnapshot Before, HeapSnapshot After)
{
    public double BytesPerLine => (After.Bytes - Before.Bytes) / (double)Math.Max(1, Lines);

    public string Summary() =>
        $"{BytesPerLine:N0} B per idle line ({BytesPerLine / 1024:0.00} KiB): GC heap {Before.Bytes / 1024.0 / 1024.0:0.0} MiB -> {After.Bytes / 1024.0 / 1024.0:0.0} MiB " +
        $"for {Lines:N0} more lines, each a full collection after the lines went idle";

    public string ActivationsPerLine() =>
        "activations per line: " + string.Join(", ", After.Activations
            .Select(type => (type.Key, Added: type.Value - Before.Activations.GetValueOrDefault(type.Key)))
            .Where(type => type.Added > 0)
            .OrderByDescending(type => type.Added)
            .Select(type => $"{type.Key} {type.Added / (double)Math.Max(1, Lines):0.00}"));
}

/// <summary>
/// Memory per idle activated line, from the GC heap of this process: silo, client and benchmark all live here, so the
/// difference between two full, compacting collections, one before a batch of lines is opened and one after they
/// went idle, divided by the lines, is what each line costs (its account, card and grant activations, their state,
/// caches and directory entries), plus the benchmark's own note of each line's grant id (about 100 B).
/// </summary>
public static class IdleLineMemory
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<HeapSnapshot> Measure(BenchCluster cluster)
    {
        // Writes and reminder registrations that the last calls started finish first.
        await Task.Delay(Settle);
        var activations = (await cluster.SiloServices.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .GroupBy(statistic => ShortName(statistic.GrainType))
            .ToDictionary(group => group.Key, group => group.Sum(statistic => statistic.ActivationCount), StringComparer.Ordinal);
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return new HeapSnapshot(GC.GetTotalMemory(forceFullCollection: false), activations);
    }

    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
