namespace BaiTiaoSwitch.Benchmarks;

/// <summary>Prints figures as they come, then a summary against the targets of the issue (2 cores: a ≥ 20,000/s and ≥ 10x).</summary>
public sealed class Report
{
    private const double HotTarget = 20_000;
    private const double RatioTarget = 10;
    private readonly List<RawInsertResult> raw = [];
    private HotLineResult? hotGroup;
    private HotLineResult? hotSingle;
    private ZipfResult? zipf;

    public bool AllChecksPassed { get; private set; } = true;

    public void Title(BenchOptions options, ProcessCpu? azurite, string namePrefix, string storage)
    {
        Console.WriteLine("BaiTiaoSwitch benchmark: durable authorizations on a real Orleans cluster with state in Azurite");
        Console.WriteLine($"run        {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, storage names {namePrefix}*");
        foreach (var line in MachineInfo.Describe(azurite))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"storage    {storage}");
        Console.WriteLine($"settings   warm-up {options.Warmup.TotalSeconds:0} s + {options.Measure.TotalSeconds:0} s measured per workload; " +
            $"hot callers {options.HotCallers}; {options.Lines:N0} lines, zipf s={options.ZipfExponent}, {options.ZipfCallers} callers; amount {options.AmountFen} fen");
        if (options.StorageSerializer != "json" || options.SnapshotOffTurn)
        {
            Console.WriteLine($"WHAT-IF    not the production configuration: storage serializer {options.StorageSerializer}, snapshot off the grain's turn {options.SnapshotOffTurn}");
        }

        Console.WriteLine("note       client, silos and load generator share this process and its cores; Azurite is a separate node process.");
    }

    public void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title}");
    }

    public void Raw(RawInsertResult result)
    {
        raw.Add(result);
        Console.WriteLine($"  {result.Name,-18} {result.Headline()}");
        Console.WriteLine($"  {"",-18} {result.Resources.Summary()}");
    }

    public void Hot(string title, HotLineResult result)
    {
        if (title.Contains("group commit", StringComparison.Ordinal))
        {
            hotGroup = result;
        }
        else
        {
            hotSingle = result;
        }

        Console.WriteLine($"  {title}");
        Load(result.Load);
        Console.WriteLine($"    {result.Journal.Summary()}");
        Console.WriteLine($"    {result.Stored.Summary}");
        AllChecksPassed &= result.Stored.Ok;
        Logs();
    }

    public void Zipf(string title, ZipfResult result)
    {
        zipf = result;
        Console.WriteLine($"  {title}");
        Console.WriteLine($"    setup: {result.Setup.Summary()}");
        Console.WriteLine($"           {result.Setup.Resources.Summary()}");
        foreach (var line in result.Setup.Storage)
        {
            Console.WriteLine($"           {line}");
        }
        Load(result.Load);
        Console.WriteLine($"    traffic: {result.LinesTouched:N0} of {result.Setup.Lines:N0} lines touched; the hottest line gets {100 * result.HottestShare:0.0}% of requests");
        Console.WriteLine($"    {result.Journal.Summary()}");
        Logs();
    }

    public void Summary(BenchOptions options)
    {
        Console.WriteLine();
        Console.WriteLine("== Summary");
        var parallel = raw.FirstOrDefault(r => r.Parallelism > 1 && r.PayloadBytes == 1024);
        var sequential = raw.FirstOrDefault(r => r.Parallelism == 1);
        if (sequential is not null && parallel is not null)
        {
            Console.WriteLine($"  Azurite raw inserts:          {sequential.PerSecond,9:N0}/s sequential, {parallel.PerSecond:N0}/s with {parallel.Parallelism} in flight (1 KiB)");
        }

        if (hotGroup is not null)
        {
            Console.WriteLine($"  (a) hot line, group commit:   {hotGroup.Load.Headline()}   {Target(hotGroup.Load.AuthorizationsPerSecond >= HotTarget, $">= {HotTarget:N0}/s")}");
        }

        if (hotSingle is not null)
        {
            Console.WriteLine($"  (a) hot line, one write each: {hotSingle.Load.Headline()}");
        }

        if (hotGroup is not null && hotSingle is not null)
        {
            var single = hotSingle.Load.AuthorizationsPerSecond;
            var ratio = single > 0 ? hotGroup.Load.AuthorizationsPerSecond / single : double.NaN;
            Console.WriteLine(single > 0
                ? $"  group / one-write-per-request: {ratio,9:0.0}x   {Target(ratio >= RatioTarget, $">= {RatioTarget:0}x")}"
                : "  group / one-write-per-request: n/a (no one-write-per-request call completed inside its window; measure longer)");
        }

        if (zipf is not null)
        {
            Console.WriteLine($"  (b) {zipf.Setup.Lines:N0} Zipf lines:          {zipf.Load.Headline()}");
            Console.WriteLine($"      setup {zipf.Setup.Seconds:0.0} s ({zipf.Setup.Lines / zipf.Setup.Seconds:N0} lines/s), {zipf.Journal.AverageBatch:0.0} authorizations per journal write");
            if (parallel is not null)
            {
                Console.WriteLine($"      ceiling: one write per batch at Azurite's parallel insert rate, {parallel.PerSecond:N0} writes/s x {zipf.Journal.AverageBatch:0.0} per batch = " +
                    $"{parallel.PerSecond * zipf.Journal.AverageBatch:N0} auth/s ({100 * zipf.Load.AuthorizationsPerSecond / (parallel.PerSecond * zipf.Journal.AverageBatch):0}% reached)");
            }
        }

        Console.WriteLine(AllChecksPassed ? "  durability: every acknowledged approval was found in storage" : "  durability: CHECK FAILED (see above)");
    }

    private static void Load(LoadResult load)
    {
        Console.WriteLine($"    {load.Headline()}");
        Console.WriteLine($"    {load.Counts()}");
        if (load.FirstError is not null)
        {
            Console.WriteLine($"    first error: {load.FirstError}");
        }

        Console.WriteLine($"    {load.Resources.Summary()}; {load.Resources.AllocatedBytes / Math.Max(1.0, load.Approved + load.Declined) / 1024:0.0} KiB allocated per authorization");
        Console.WriteLine($"    threads: {load.Resources.ThreadSummary()}");
        foreach (var line in load.Storage)
        {
            Console.WriteLine($"    {line}");
        }
    }

    private static void Logs()
    {
        foreach (var line in LogTally.Provider.Drain())
        {
            Console.WriteLine($"    log {line}");
        }
    }

    private static string Target(bool met, string target) => met ? $"[target {target}: met]" : $"[target {target}: NOT met]";
}
