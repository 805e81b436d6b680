using System.Diagnostics;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>What one workload measured. Latency is from the caller's send to the durable answer, in milliseconds.</summary>
public sealed record LoadResult(
    string Name,
    int Callers,
    double Seconds,
    long Approved,
    long Declined,
    long Failed,
    long CallsIncludingWarmup,
    long ApprovedIncludingWarmup,
    long FailedIncludingWarmup,
    double[] SortedLatenciesMs,
    IReadOnlyDictionary<string, long> Declines,
    IReadOnlyDictionary<string, long> Errors,
    string? FirstError,
    ResourceUse Resources,
    IReadOnlyList<string> Storage,
    long JournalWrites)
{
    public double AuthorizationsPerSecond => (Approved + Declined) / Seconds;

    public double Percentile(double fraction)
    {
        if (SortedLatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(fraction * SortedLatenciesMs.Length) - 1;
        return SortedLatenciesMs[Math.Clamp(index, 0, SortedLatenciesMs.Length - 1)];
    }

    public string Headline() =>
        $"{AuthorizationsPerSecond,9:N0} auth/s   p50 {Percentile(0.50),7:0.00} ms   p99 {Percentile(0.99),7:0.00} ms   p999 {Percentile(0.999),7:0.00} ms   max {(SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[^1]),7:0.0} ms";

    public string Counts() =>
        $"approved {Approved:N0}, declined {Declined:N0}{(Declines.Count == 0 ? "" : " (" + string.Join(", ", Declines.Select(d => $"{d.Key} {d.Value:N0}")) + ")")}, " +
        $"failed {Failed:N0}{(Errors.Count == 0 ? "" : " (" + string.Join(", ", Errors.Select(e => $"{e.Key} {e.Value:N0}")) + ")")} in {Seconds:0.0} s, {Callers} callers";
}

/// <summary>
/// A closed loop: each caller sends one authorization, waits for its durable answer, and sends the next. Calls that
/// complete inside the measured window count; the warm-up before it only brings activations, JIT and pools up.
/// Every loop ends at the window's end, so a run is bounded in time.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> Run(string name, int callers, TimeSpan warmup, TimeSpan measure, ProcessCpu? azurite, Func<int, Random, Task<Authorization>> call)
    {
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        var states = Enumerable.Range(0, callers).Select(index => new CallerState(index)).ToArray();
        var metering = Task.Run(async () =>
        {
            await Task.Delay(warmup);
            StorageTimings.ResetAll();
            AzureRequestTally.Reset();
            MeasuredEventPublisher.Reset();
            AllocationSampler.Reset();
            var meter = ResourceMeter.Start(azurite);
            await Task.Delay(measure);
            var use = meter.Stop();
            var authorizations = Math.Max(1, states.Sum(state => state.Approved + state.Declined));
            var requests = AzureRequestTally.Per(authorizations, "authorization")
                .Concat(MeasuredEventPublisher.Per(authorizations, "authorization"))
                .Concat(AllocationSampler.Per(authorizations, "authorization"));
            return (use, (IReadOnlyList<string>)[.. StorageTimings.Summaries(use.Seconds), .. requests], StorageTimings.For(StorageNames.Journal).Writes.Read().Count);
        });

        await Task.WhenAll(states.Select(state => Task.Run(() => Loop(state, windowStart, windowEnd, call))));
        var (resources, storage, journalWrites) = await metering;
        var latencies = states.SelectMany(state => state.Latencies).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(latencies);
        return new LoadResult(
            name,
            callers,
            measure.TotalSeconds,
            states.Sum(state => state.Approved),
            states.Sum(state => state.Declined),
            states.Sum(state => state.Failed),
            states.Sum(state => state.Calls),
            states.Sum(state => state.ApprovedAll),
            states.Sum(state => state.FailedAll),
            latencies,
            Merge(states.Select(state => state.Declines)),
            Merge(states.Select(state => state.Errors)),
            states.Select(state => state.FirstError).FirstOrDefault(error => error is not null),
            resources,
            storage,
            journalWrites);
    }

    private static async Task Loop(CallerState state, long windowStart, long windowEnd, Func<int, Random, Task<Authorization>> call)
    {
        while (Stopwatch.GetTimestamp() < windowEnd)
        {
            var sent = Stopwatch.GetTimestamp();
            Authorization? answer = null;
            Exception? error = null;
            try
            {
                answer = await call(state.Index, state.Random);
            }
            catch (Exception exception)
            {
                error = exception;
            }

            var done = Stopwatch.GetTimestamp();
            state.Calls++;
            if (answer is { IsApproved: true })
            {
                state.ApprovedAll++;
            }
            else if (error is not null)
            {
                state.FailedAll++;
            }

            if (done < windowStart || done > windowEnd)
            {
                continue;
            }

            state.Latencies.Add(done - sent);
            if (error is not null)
            {
                state.Failed++;
                var key = error is SwitchException switchError ? switchError.Code : error.GetType().Name;
                state.Errors[key] = state.Errors.GetValueOrDefault(key) + 1;
                state.FirstError ??= $"{error.GetType().Name}: {error.Message}";
            }
            else if (answer!.IsApproved)
            {
                state.Approved++;
            }
            else
            {
                state.Declined++;
                var key = answer.Reason?.ToString() ?? "unknown";
                state.Declines[key] = state.Declines.GetValueOrDefault(key) + 1;
            }
        }
    }

    private static Dictionary<string, long> Merge(IEnumerable<Dictionary<string, long>> parts)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in parts.SelectMany(part => part))
        {
            result[key] = result.GetValueOrDefault(key) + value;
        }

        return result;
    }

    private sealed class CallerState(int index)
    {
        public int Index { get; } = index;

        public Random Random { get; } = new(index * 7919 + 17);

        public List<long> Latencies { get; } = new(1 << 14);

        public Dictionary<string, long> Declines { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

        public long Approved { get; set; }

        public long Declined { get; set; }

        public long Failed { get; set; }

        public long Calls { get; set; }

        public long ApprovedAll { get; set; }

        public long FailedAll { get; set; }

        public string? FirstError { get; set; }
    }
}
