using System.Diagnostics;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Benchmarks;

public sealed record SetupResult(int Lines, int Failed, double Seconds, ResourceUse Resources, string? FirstError, double OpenMs, double IssueMs, double GrantMs, IReadOnlyList<string> Storage)
{
    public string Summary() =>
        $"{Lines:N0} lines (account + card + grant each) in {Seconds:0.0} s = {Lines / Seconds:N0} lines/s{(Failed > 0 ? $", {Failed} FAILED ({FirstError})" : "")}; " +
        $"mean call: open {OpenMs:0} ms, issue card {IssueMs:0} ms, create grant {GrantMs:0} ms";
}

public sealed record ZipfResult(SetupResult Setup, LoadResult Load, JournalUse Journal, int LinesTouched, double HottestShare);

/// <summary>
/// Workload (b): many lines, each with one card and one grant, and traffic skewed by a Zipf law over them, as real
/// traffic is (a few merchants' and users' lines are hot). Lines are opened in parallel through the issuer SDK.
/// </summary>
public static class ZipfLinesWorkload
{
    public static async Task<ZipfResult> Run(BenchCluster cluster, BenchOptions options, JournalTable journal, ProcessCpu? azurite, string name)
    {
        var issuer = cluster.Issuer();
        var wallets = new Dictionary<string, BaiTiaoSwitchClient>(StringComparer.Ordinal)
        {
            ["alipay"] = issuer.As(Caller.Wallet("alipay")),
            ["wechatpay"] = issuer.As(Caller.Wallet("wechatpay")),
        };
        var lines = new (string GrantId, BaiTiaoSwitchClient Wallet)?[options.Lines];
        var failed = 0;
        string? firstError = null;
        long openTicks = 0, issueTicks = 0, grantTicks = 0;
        StorageTimings.ResetAll();
        var meter = ResourceMeter.Start(azurite);
        var started = Stopwatch.GetTimestamp();
        var chunkStarted = started;
        var completed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Lines), new ParallelOptions { MaxDegreeOfParallelism = options.SetupParallelism }, async (index, _) =>
        {
            try
            {
                var accountId = $"zipf-{index:D6}";
                var channel = index % 2 == 0 ? "alipay" : "wechatpay";
                var step = Stopwatch.GetTimestamp();
                await issuer.OpenAccountAsync(new OpenAccountRequest(accountId, new Holder("李四", "110101199003078888", "13800138001"), Money.Fen(Money.AmountMax), 720));
                Interlocked.Add(ref openTicks, Stopwatch.GetTimestamp() - step);
                step = Stopwatch.GetTimestamp();
                var card = await issuer.IssueCardAsync(accountId);
                Interlocked.Add(ref issueTicks, Stopwatch.GetTimestamp() - step);
                step = Stopwatch.GetTimestamp();
                var grant = await issuer.CreateGrantAsync(card.Card.CardId, new GrantRequest(channel));
                Interlocked.Add(ref grantTicks, Stopwatch.GetTimestamp() - step);
                lines[index] = (grant.GrantId, wallets[channel]);
                var done = Interlocked.Increment(ref completed);
                if (done % Math.Max(1, options.Lines / 10) == 0)
                {
                    var now = Stopwatch.GetTimestamp();
                    var previous = Interlocked.Exchange(ref chunkStarted, now);
                    Console.WriteLine($"    setup: {done:N0} lines after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s, last {options.Lines / 10:N0} at {options.Lines / 10 / Stopwatch.GetElapsedTime(previous, now).TotalSeconds:N0} lines/s");
                }
            }
            catch (Exception exception)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}", null);
            }
        });
        double MeanMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / Math.Max(1, options.Lines - failed);
        var setupUse = meter.Stop();
        var setup = new SetupResult(options.Lines, failed, setupUse.Seconds, setupUse, firstError, MeanMs(openTicks), MeanMs(issueTicks), MeanMs(grantTicks), StorageTimings.Summaries(setupUse.Seconds));
        var ready = lines.Where(line => line is not null).Select(line => line!.Value).ToArray();
        if (ready.Length == 0)
        {
            throw new InvalidOperationException($"No line could be set up: {firstError}");
        }

        // Rank -> line through a fixed shuffle, so the hot lines are spread over the key space (and silos).
        var order = Enumerable.Range(0, ready.Length).ToArray();
        new Random(42).Shuffle(order);
        var zipf = new ZipfSampler(ready.Length, options.ZipfExponent);
        var touched = new bool[ready.Length];
        var prefix = JournalTable.ServicePrefix(cluster.ServiceId) + "zipf-";
        var entitiesBefore = await journal.Count(prefix);
        var amount = Money.Fen(options.AmountFen);
        var load = await LoadRunner.Run(name, options.ZipfCallers, options.Warmup, options.Measure, azurite, (_, random) =>
        {
            var line = order[zipf.Next(random)];
            touched[line] = true;
            var (grantId, wallet) = ready[line];
            return wallet.AuthorizeAsync(new AuthorizeRequest(grantId, null, amount, HotLine.Shop));
        });
        var entities = await journal.Count(prefix) - entitiesBefore;
        return new ZipfResult(setup, load, new JournalUse(entities, load.CallsIncludingWarmup, 0, 0), touched.Count(hit => hit), zipf.Share(0));
    }
}
