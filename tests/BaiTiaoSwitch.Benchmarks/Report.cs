using BaiTiaoSwitch.Benchmarks.OpenLoop;
using BaiTiaoSwitch.Benchmarks.Postgres;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>Prints each figure as it comes, and keeps it for <see cref="TargetsSummary"/> at the end.</summary>
public sealed class Report
{
    public List<RawInsertResult> Raw { get; } = [];

    public BatchedWriteResult? Batched { get; private set; }

    public HotLineResult? HotGroup { get; private set; }

    public HotLineResult? HotSingle { get; private set; }

    public List<OpenLoopLeg> OpenLoop { get; } = [];

    public PeerResults? Peer { get; private set; }

    public ZipfResult? Zipf { get; private set; }

    public bool AllChecksPassed { get; private set; } = true;

    public void Title(string[] args, BenchOptions options, ProcessCpu? azurite, string namePrefix, string storage)
    {
        Console.WriteLine("BaiTiaoSwitch benchmark: durable authorizations on a real Orleans cluster with state in Azurite, and a PostgreSQL peer");
        Console.WriteLine($"run        {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, storage names {namePrefix}*");
        foreach (var line in MachineInfo.Run(args).Concat(MachineInfo.Describe(azurite)))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"storage    {storage}");
        Console.WriteLine($"settings   warm-up {options.Warmup.TotalSeconds:0} s + {options.Measure.TotalSeconds:0} s measured per workload; " +
            $"hot callers {options.HotCallers}; {options.Lines:N0} lines, zipf s={options.ZipfExponent}, {options.ZipfCallers} callers; amount {options.AmountFen} fen; parts {options.Parts}");
        if (options.StorageSerializer != "json" || options.SnapshotOffTurn)
        {
            Console.WriteLine($"WHAT-IF    not the production configuration: storage serializer {options.StorageSerializer}, snapshot off the grain's turn {options.SnapshotOffTurn}");
        }

        Console.WriteLine("note       client, silos and load generator share this process and its cores; Azurite is a separate node process;");
        Console.WriteLine("           the PostgreSQL peer runs alone, on the same cores, while no switch cluster is running.");
    }

    public static void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title}");
    }

    public static void Line(string text) => Console.WriteLine(text);

    public void Add(RawInsertResult result)
    {
        Raw.Add(result);
        Console.WriteLine($"  {result.Name,-18} {result.Headline()}");
        Console.WriteLine($"  {"",-18} {result.Resources.Summary()}");
    }

    public void Add(BatchedWriteResult result)
    {
        Batched = result;
        Console.WriteLine($"  {"batched " + result.EntitiesPerTransaction,-18} {result.Headline()}");
        Console.WriteLine($"  {"",-18} {result.Resources.Summary()}");
    }

    public void Hot(string title, HotLineResult result, bool groupCommit)
    {
        if (groupCommit)
        {
            HotGroup = result;
        }
        else
        {
            HotSingle = result;
        }

        Console.WriteLine($"  {title}");
        Load(result.Load);
        Console.WriteLine($"    {result.Journal.Summary()}");
        Checked(result.Stored);
    }

    public void Add(OpenLoopLeg leg)
    {
        OpenLoop.Add(leg);
        Console.WriteLine($"  open loop at {leg.Load.Name}");
        Console.WriteLine($"    {leg.Load.Headline()}");
        Console.WriteLine($"    {leg.Load.Counts()}");
        Console.WriteLine($"    {leg.Load.Generator()}");
        if (leg.Load.FirstError is not null)
        {
            Console.WriteLine($"    first error: {leg.Load.FirstError}");
        }

        Console.WriteLine($"    {leg.Load.Resources.Summary()}");
        foreach (var line in leg.Load.Storage)
        {
            Console.WriteLine($"    {line}");
        }

        Checked(leg.Stored);
    }

    public void Add(PeerResults peer)
    {
        Peer = peer;
        if (peer.Missing is not null)
        {
            Console.WriteLine($"  NOT RUN: {peer.Missing}");
            Console.WriteLine("  The rest of the benchmark runs without the peer; the summary shows no ratios against it.");
        }

        AllChecksPassed &= new[] { peer.ForUpdate, peer.ConditionalUpdate, peer.Zipf }.All(workload => workload is null || (workload.Conserved && workload.Run.Error is null));
    }

    public void Add(AgingResult result)
    {
        Line($"  fresh:  {result.Fresh.AuthorizationsPerSecond,8:N0} auth/s   p99 {result.Fresh.Percentile(0.99),8:N2} ms   data folder {result.DataBytesFresh / 1024.0 / 1024.0:N0} MiB");
        Line($"  aging:  {result.Authorizations:N0} authorizations in {result.FillSeconds:N0} s");
        Line($"  aged:   {result.Aged.AuthorizationsPerSecond,8:N0} auth/s   p99 {result.Aged.Percentile(0.99),8:N2} ms   data folder {result.DataBytesAged / 1024.0 / 1024.0:N0} MiB");
        Line($"  aged / fresh = {result.Ratio:0.00} [target >= 0.80: {(result.Ratio >= 0.8 ? "met" : "NOT met")}]");
        Aging = result;
    }

    public AgingResult? Aging { get; private set; }

    public void Add(ZipfResult result)
    {
        Zipf = result;
        Console.WriteLine($"    setup: {result.Setup.Summary()}");
        Console.WriteLine($"           {result.Setup.PerLine()}");
        Console.WriteLine($"           {result.Setup.Resources.Summary()}");
        foreach (var line in result.Setup.Storage.Concat(result.Setup.Requests))
        {
            Console.WriteLine($"           {line}");
        }

        Console.WriteLine($"    memory: {result.Memory.Summary()}");
        Console.WriteLine($"            {result.Memory.ActivationsPerLine()}");
        Load(result.Load);
        Console.WriteLine($"    traffic: {result.LinesTouched:N0} of {result.Setup.Lines:N0} lines touched; the hottest line gets {100 * result.HottestShare:0.0}% of requests");
        Console.WriteLine($"    {result.Journal.Summary()}");
        Logs();
    }

    public RiskRulesResult? Risk { get; private set; }

    public void Add(RiskRulesResult result)
    {
        Risk = result;
        foreach (var (title, load) in new[] { ("no rule", result.Without), ("6 rules in enforce, one of each kind", result.With), ("no rule again", result.WithoutAgain) })
        {
            Console.WriteLine($"  (k) hot line, {title}");
            Load(load);
        }

        Console.WriteLine($"    with 6 rules: {100 * result.Ratio:0.0}% of the mean without (target >= {100 * RiskRulesWorkload.RatioMin:0}%; rule set version {result.RuleSetVersion}): {(result.Passed ? "PASS" : "FAIL")}");
        AllChecksPassed &= result.Passed;
        Logs();
    }

    private void Checked(StoredCheck stored)
    {
        Console.WriteLine($"    {stored.Summary}");
        AllChecksPassed &= stored.Ok;
        Logs();
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
}
