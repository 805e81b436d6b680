using BaiTiaoSwitch.Benchmarks.Lines;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Benchmarks;

public sealed record ZipfResult(SetupResult Setup, IdleMemoryResult Memory, LoadResult Load, JournalUse Journal, int LinesTouched, double HottestShare);

/// <summary>
/// Workload (b): many lines, each with one card and one grant, and traffic skewed by a Zipf law over them, as real
/// traffic is (a few merchants' and users' lines are hot). The lines are opened first (<see cref="LineSetup"/>):
/// a first tenth to warm the pools and caches up, then the rest, measured for its rate, its storage operations and
/// the memory each idle line takes (<see cref="IdleLineMemory"/>); then the traffic.
/// </summary>
public static class ZipfLinesWorkload
{
    public static async Task<ZipfResult> Run(BenchCluster cluster, BenchOptions options, JournalTable journal, ProcessCpu? azurite, string name)
    {
        var setup = new LineSetup(cluster, options);
        var warm = Math.Min(options.Lines - 1, Math.Max(options.Lines / 10, 2 * options.SetupParallelism));
        await setup.Open(0, warm);
        var before = await IdleLineMemory.Measure(cluster);
        setup.StartMeasuring(azurite);
        await setup.Open(warm, options.Lines);
        var setupResult = setup.Finish();
        var after = await IdleLineMemory.Measure(cluster);
        var memory = new IdleMemoryResult(setupResult.MeasuredLines, before, after);
        if (options.IdlePause > TimeSpan.Zero)
        {
            Report.Line($"  idle lines held for {options.IdlePause.TotalSeconds:0} s: dotnet-gcdump collect -p {Environment.ProcessId}");
            await Task.Delay(options.IdlePause);
        }

        var ready = setup.Ready;
        if (ready.Count == 0)
        {
            throw new InvalidOperationException($"No line could be set up: {setupResult.FirstError}");
        }

        // Rank -> line through a fixed shuffle, so the hot lines are spread over the key space (and silos).
        var order = Enumerable.Range(0, ready.Count).ToArray();
        new Random(42).Shuffle(order);
        var zipf = new ZipfSampler(ready.Count, options.ZipfExponent);
        var touched = new bool[ready.Count];
        var amount = Money.Fen(options.AmountFen);
        var load = await LoadRunner.Run(name, options.ZipfCallers, options.Warmup, options.Measure, azurite, (_, random) =>
        {
            var line = order[zipf.Next(random)];
            touched[line] = true;
            return ready[line].Wallet.AuthorizeAsync(new AuthorizeRequest(ready[line].GrantId, null, amount, HotLine.Shop));
        });
        var journalUse = JournalUse.Of(load, await journal.SampleSizes((cluster.ServiceId, "zipf-"), 100));
        return new ZipfResult(setupResult, memory, load, journalUse, touched.Count(hit => hit), zipf.Share(0));
    }
}
