using System.Diagnostics;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Where the CPU went during one phase: this process (client, silos and load generator), Azurite, and everything else
/// on the machine (another engineer's build, say). Also GC work of this process. Percentages are of one core.
/// </summary>
public sealed record ResourceUse(
    double Seconds,
    double BenchCpuPercent,
    double AzuriteCpuPercent,
    double OtherCpuPercent,
    double MachineCpuPercent,
    long AllocatedBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    TimeSpan GcPause,
    IReadOnlyList<(string Thread, double CpuPercent)> Threads)
{
    public string Summary() =>
        $"cpu: bench {BenchCpuPercent:0}%, azurite {AzuriteCpuPercent:0}%, other {OtherCpuPercent:0}% (of {Environment.ProcessorCount * 100}%); " +
        $"gc: {Gen0}/{Gen1}/{Gen2} (gen0/1/2), pause {GcPause.TotalMilliseconds:0} ms ({100 * GcPause.TotalSeconds / Seconds:0.0}% of wall)";

    public string ThreadSummary(int top = 6) =>
        string.Join(", ", Threads.Take(top).Select(thread => $"{thread.Thread} {thread.CpuPercent:0}%"));
}

public sealed class ResourceMeter
{
    private readonly ProcessCpu? azurite;
    private readonly long startTimestamp;
    private readonly long startSelf;
    private readonly long startAzurite;
    private readonly (long Busy, long Total) startMachine;
    private readonly long startAllocated;
    private readonly int startGen0;
    private readonly int startGen1;
    private readonly int startGen2;
    private readonly TimeSpan startPause;
    private readonly Dictionary<string, long> startThreads;

    private ResourceMeter(ProcessCpu? azurite)
    {
        this.azurite = azurite;
        startThreads = ProcessCpu.Self.TicksByThreadName();
        startSelf = ProcessCpu.Self.Ticks();
        startAzurite = azurite?.Ticks() ?? 0;
        startMachine = ProcessCpu.MachineTicks();
        startAllocated = GC.GetTotalAllocatedBytes();
        startGen0 = GC.CollectionCount(0);
        startGen1 = GC.CollectionCount(1);
        startGen2 = GC.CollectionCount(2);
        startPause = GC.GetTotalPauseDuration();
        startTimestamp = Stopwatch.GetTimestamp();
    }

    public static ResourceMeter Start(ProcessCpu? azurite) => new(azurite);

    public ResourceUse Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        var self = ProcessCpu.Self.Ticks() - startSelf;
        var azuriteTicks = (azurite?.Ticks() ?? 0) - startAzurite;
        var machine = ProcessCpu.MachineTicks();
        var threads = ProcessCpu.Self.TicksByThreadName();
        double Percent(long ticks) => 100.0 * ticks / ProcessCpu.TicksPerSecond / seconds;

        // /proc/stat counts ticks of all cores, so its total over the phase is cores x seconds x 100.
        var machineTotal = machine.Total - startMachine.Total;
        var machineBusyPercent = machineTotal == 0 ? 0 : 100.0 * Environment.ProcessorCount * (machine.Busy - startMachine.Busy) / machineTotal;
        var benchPercent = Percent(self);
        var azuritePercent = Percent(azuriteTicks);
        var threadUse = threads
            .Select(thread => (thread.Key, Percent(thread.Value - startThreads.GetValueOrDefault(thread.Key))))
            .Where(thread => thread.Item2 >= 0.5)
            .OrderByDescending(thread => thread.Item2)
            .ToList();
        return new ResourceUse(
            seconds,
            benchPercent,
            azuritePercent,
            Math.Max(0, machineBusyPercent - benchPercent - azuritePercent),
            machineBusyPercent,
            GC.GetTotalAllocatedBytes() - startAllocated,
            GC.CollectionCount(0) - startGen0,
            GC.CollectionCount(1) - startGen1,
            GC.CollectionCount(2) - startGen2,
            GC.GetTotalPauseDuration() - startPause,
            threadUse);
    }
}
