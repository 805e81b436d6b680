using System.Diagnostics;
using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Benchmarks.Lines;

public sealed record SetUpLine(string GrantId, BaiTiaoSwitchClient Wallet);

public sealed record SetupResult(
    int Requested, int Lines, int Failed, double Seconds, int MeasuredLines, double MeasuredSeconds, ResourceUse Resources, string? FirstError,
    double OpenMs, double IssueMs, double GrantMs, double OperationsPerLine, double RoundTripMsPerLine, string Breakdown, IReadOnlyList<string> Storage,
    IReadOnlyList<string> Requests)
{
    public double LinesPerSecond => Lines / Seconds;

    public double MeasuredLinesPerSecond => MeasuredLines / MeasuredSeconds;

    public int NotStarted => Requested - Lines - Failed;

    public string Summary() =>
        $"{Lines:N0} lines (account + card + grant each) in {Seconds:0.0} s = {LinesPerSecond:N0} lines/s; after the first {Lines - MeasuredLines:N0}: {MeasuredLinesPerSecond:N0} lines/s" +
        (Failed > 0 ? $"; {Failed:N0} FAILED ({FirstError})" : "") +
        (NotStarted > 0 ? $"; {NotStarted:N0} NOT STARTED (setup bound reached)" : "") +
        $"; mean call: open {OpenMs:0} ms, issue card {IssueMs:0} ms, create grant {GrantMs:0} ms";

    public string PerLine() => $"storage per line: {OperationsPerLine:0.0} operations, {RoundTripMsPerLine:0} ms of round trips in all: {Breakdown}";
}

/// <summary>
/// Opens lines through the issuer SDK (open account, issue card, create one grant), many at once but at most
/// <see cref="BenchOptions.SetupParallelism"/>, and no longer than <see cref="BenchOptions.SetupDuration"/>: after
/// that no new line is started, and the run goes on with the lines it has. Storage operations are counted from the
/// point <see cref="StartMeasuring"/> is called, so the per-line figures leave out the first lines' warm-up. They are
/// counted twice: by the switch's stores (a key claim or a journal entry is one, though many share a request), and as
/// the requests the Azure SDK sent (<see cref="AzureRequestTally"/>), which is what Azurite serves.
/// </summary>
public sealed class LineSetup(BenchCluster cluster, BenchOptions options)
{
    private readonly SetUpLine?[] lines = new SetUpLine?[options.Lines];
    private readonly BaiTiaoSwitchClient issuer = cluster.Issuer();
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly BaiTiaoSwitchClient alipay = cluster.Issuer().As(BenchCallers.Wallets["alipay"]);
    private readonly BaiTiaoSwitchClient wechatpay = cluster.Issuer().As(BenchCallers.Wallets["wechatpay"]);
    private readonly long deadline = Stopwatch.GetTimestamp() + (long)(options.SetupDuration.TotalSeconds * Stopwatch.Frequency);
    private long openTicks, issueTicks, grantTicks, setupTicks, measuredTicks;
    private int failed, completed, measuredFrom = -1;
    private string? firstError;
    private ResourceMeter? meter;

    public IReadOnlyList<SetUpLine> Ready => lines.Where(line => line is not null).Select(line => line!).ToArray();

    public void StartMeasuring(ProcessCpu? azurite)
    {
        StorageTimings.ResetAll();
        AzureRequestTally.Reset();
        measuredFrom = completed;
        meter = ResourceMeter.Start(azurite);
    }

    /// <summary>Opens lines <paramref name="from"/> up to <paramref name="to"/> (exclusive), unless the setup bound passes first.</summary>
    public async Task Open(int from, int to)
    {
        var started = Stopwatch.GetTimestamp();
        var remaining = Stopwatch.GetElapsedTime(started, deadline);
        using var bound = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.SetupParallelism, CancellationToken = bound.Token };
            await Parallel.ForEachAsync(Enumerable.Range(from, to - from), parallel, async (index, _) => await OpenLine(index));
        }
        catch (OperationCanceledException)
        {
            // The bound passed: the lines not started stay unopened, and the result counts them.
        }

        var elapsed = Stopwatch.GetTimestamp() - started;
        setupTicks += elapsed;
        measuredTicks += meter is null ? 0 : elapsed;
    }

    public SetupResult Finish()
    {
        var use = (meter ?? ResourceMeter.Start(null)).Stop();
        var measuredLines = completed - Math.Max(0, measuredFrom);
        var (operations, roundTrip, breakdown) = StorageTimings.Per(Math.Max(1, measuredLines));
        double MeanMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency / Math.Max(1, completed);
        return new SetupResult(
            options.Lines, completed, failed, setupTicks / (double)Stopwatch.Frequency, measuredLines, Math.Max(1e-9, measuredTicks / (double)Stopwatch.Frequency), use, firstError,
            MeanMs(openTicks), MeanMs(issueTicks), MeanMs(grantTicks), operations, roundTrip, breakdown, StorageTimings.Summaries(use.Seconds),
            AzureRequestTally.Per(Math.Max(1, measuredLines), "line"));
    }

    private async Task OpenLine(int index)
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
            lines[index] = new SetUpLine(grant.GrantId, channel == "alipay" ? alipay : wechatpay);
            var done = Interlocked.Increment(ref completed);
            if (done % Math.Max(1, options.Lines / 10) == 0)
            {
                Console.WriteLine($"    setup: {done:N0} lines open after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
            }
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref failed);
            Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}", null);
        }
    }
}
