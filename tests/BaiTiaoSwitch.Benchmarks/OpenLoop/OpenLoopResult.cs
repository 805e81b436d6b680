using HdrHistogram;

namespace BaiTiaoSwitch.Benchmarks.OpenLoop;

/// <summary>
/// What an open-loop run at one fixed rate measured. Latency runs from each request's scheduled start to its durable
/// answer, in microseconds; requests count when their scheduled start is inside the measured window.
/// </summary>
public sealed record OpenLoopResult(
    string Name,
    double Fraction,
    double TargetRate,
    double Seconds,
    long Scheduled,
    long Approved,
    long Declined,
    long Failed,
    long NotSent,
    long Unfinished,
    long ApprovedIncludingWarmup,
    long FailedIncludingWarmup,
    HistogramBase Latency,
    HistogramBase DispatchLateness,
    IReadOnlyDictionary<string, long> Errors,
    string? FirstError,
    ResourceUse Resources,
    IReadOnlyList<string> Storage)
{
    public double AnsweredPerSecond => (Approved + Declined) / Seconds;

    /// <summary>Latency at <paramref name="percentile"/> (0–100) in milliseconds.</summary>
    public double Ms(double percentile) => Latency.TotalCount == 0 ? double.NaN : Latency.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMs => Latency.TotalCount == 0 ? double.NaN : Latency.GetMaxValue() / 1000.0;

    /// <summary>Whether the switch kept up: every scheduled request was sent and answered, none failed.</summary>
    public bool Sustained => NotSent == 0 && Unfinished == 0 && Failed == 0 && AnsweredPerSecond >= 0.95 * TargetRate;

    public string Headline() =>
        $"{AnsweredPerSecond,9:N0} auth/s of {TargetRate:N0}/s scheduled   p50 {Ms(50),6:0.00}   p90 {Ms(90),6:0.00}   p99 {Ms(99),6:0.00}   p99.9 {Ms(99.9),7:0.00}   max {MaxMs,7:0.0} ms";

    public string Counts() =>
        $"{Scheduled:N0} scheduled in {Seconds:0.0} s: approved {Approved:N0}, declined {Declined:N0}, failed {Failed:N0}" +
        (Errors.Count == 0 ? "" : " (" + string.Join(", ", Errors.Select(e => $"{e.Key} {e.Value:N0}")) + ")") +
        (NotSent > 0 ? $", NOT SENT {NotSent:N0} (in-flight cap reached: the switch fell behind)" : "") +
        (Unfinished > 0 ? $", UNFINISHED {Unfinished:N0} after the drain bound" : "") +
        $"; {(Sustained ? "rate sustained" : "rate NOT sustained")}";

    public string Generator() =>
        $"load generator: dispatch lateness p50 {DispatchLateness.GetValueAtPercentile(50) / 1000.0:0.00} ms, p99 {DispatchLateness.GetValueAtPercentile(99) / 1000.0:0.00} ms, " +
        $"max {DispatchLateness.GetMaxValue() / 1000.0:0.0} ms from scheduled start to the SDK call (the dispatcher's wake-up, GC pauses and the thread pool queue the silo shares in this process; included above)";
}
