using System.Diagnostics;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>What the aging run measured: the hot line on a fresh data folder, and again after many authorizations.</summary>
public sealed record AgingResult(LoadResult Fresh, LoadResult Aged, long Authorizations, double FillSeconds, long DataBytesFresh, long DataBytesAged)
{
    public double Ratio => Aged.AuthorizationsPerSecond / Fresh.AuthorizationsPerSecond;
}

/// <summary>
/// Part g, "the local run stays fast as it is used": on Azurite with its data on disk (as the local run keeps it), the
/// hot line is measured on a fresh data folder, then <c>--age-authorizations</c> authorizations go through lines of
/// their own (each line sees many, as a real one would), then a new hot line on the same data folder is measured
/// again. Azurite's table store rewrites its whole database file as it grows, so whatever the switch leaves behind
/// slows every later write; the ratio says how much. Target: at least 0.8.
/// </summary>
public static class AgingWorkload
{
    private const int FillLines = 64;

    public static async Task<AgingResult> Run(BenchCluster cluster, BenchOptions options, ProcessCpu? azurite, string? dataFolder)
    {
        var fresh = await Measure(cluster, options, azurite, "g-fresh");
        var freshBytes = FolderBytes(dataFolder);
        var lines = await Task.WhenAll(Enumerable.Range(0, FillLines).Select(_ => HotLine.Open(cluster, options.AmountFen)));
        var started = Stopwatch.GetTimestamp();
        long done = 0;
        await Task.WhenAll(Enumerable.Range(0, options.HotCallers).Select(caller => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref done) <= options.AgeAuthorizations)
            {
                await lines[caller % FillLines].Authorize(caller);
                if (done % 100_000 == 0)
                {
                    Report.Line($"    aging: {done:N0} authorizations after {Stopwatch.GetElapsedTime(started).TotalSeconds:N0} s");
                }
            }
        })));
        var fillSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        foreach (var line in await AzuriteDataTally.AfterNextSave(dataFolder, DateTime.UtcNow))
        {
            Report.Line($"    after the aging: {line}");
        }

        var aged = await Measure(cluster, options, azurite, "g-aged");
        return new AgingResult(fresh, aged, options.AgeAuthorizations, fillSeconds, freshBytes, FolderBytes(dataFolder));
    }

    private static async Task<LoadResult> Measure(BenchCluster cluster, BenchOptions options, ProcessCpu? azurite, string name)
    {
        var line = await HotLine.Open(cluster, options.AmountFen);
        return await LoadRunner.Run(name, options.HotCallers, options.Warmup, options.Measure, azurite, (caller, _) => line.Authorize(caller));
    }

    private static long FolderBytes(string? folder) =>
        folder is null || !Directory.Exists(folder) ? -1 : new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
}
