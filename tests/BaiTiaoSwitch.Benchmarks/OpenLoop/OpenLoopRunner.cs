using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using BaiTiaoSwitch.Payments;
using HdrHistogram;

namespace BaiTiaoSwitch.Benchmarks.OpenLoop;

/// <summary>
/// Open loop at a fixed rate: request i is scheduled at start + i / rate, whether or not earlier ones were answered,
/// and its latency runs from that scheduled start. A closed loop stops sending while the system stalls, so its stalls
/// go unmeasured (coordinated omission); here a stall shows in every request scheduled during it. A dedicated thread
/// schedules; the calls run on the thread pool. Bounded in time: scheduling stops at the window's end and the drain
/// of answers still in flight is bounded too.
/// </summary>
public static class OpenLoopRunner
{
    private const long HighestMicros = 120_000_000;
    private const int InFlightMax = 100_000;
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(30);

    public static async Task<OpenLoopResult> Run(string name, double fraction, double rate, TimeSpan warmup, TimeSpan measure, ProcessCpu? azurite, Func<long, Task<Authorization>> call)
    {
        var run = new State(rate, warmup, measure, call);
        var metering = Task.Run(async () =>
        {
            var untilWindow = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), run.WindowStart);
            if (untilWindow > TimeSpan.Zero)
            {
                await Task.Delay(untilWindow);
            }

            StorageTimings.ResetAll();
            var meter = ResourceMeter.Start(azurite);
            await Task.Delay(measure);
            var use = meter.Stop();
            return (use, StorageTimings.Summaries(use.Seconds));
        });
        var dispatcher = new Thread(run.Dispatch) { IsBackground = true, Name = "open-loop dispatcher" };
        dispatcher.Start();
        await Task.Run(dispatcher.Join);
        var drainEnd = Stopwatch.GetTimestamp() + (long)(DrainBound.TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref run.InFlight) > 0 && Stopwatch.GetTimestamp() < drainEnd)
        {
            await Task.Delay(10);
        }

        var (resources, storage) = await metering;
        return new OpenLoopResult(
            name, fraction, rate, measure.TotalSeconds, run.Scheduled, run.Approved, run.Declined, run.Failed, run.NotSent, Volatile.Read(ref run.InFlight),
            run.ApprovedAll, run.FailedAll, run.Latency, run.Lateness, new Dictionary<string, long>(run.Errors), run.FirstError, resources, storage);
    }

    [DllImport("libc", EntryPoint = "usleep")]
    private static extern int Usleep(uint microseconds);

    private sealed class State(double rate, TimeSpan warmup, TimeSpan measure, Func<long, Task<Authorization>> call)
    {
        private readonly double interval = Stopwatch.Frequency / rate;
        private readonly long start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 50);
        public long InFlight;
        public long Scheduled;
        public long Approved;
        public long Declined;
        public long Failed;
        public long NotSent;
        public long ApprovedAll;
        public long FailedAll;

        public long WindowStart => start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);

        public long WindowEnd => WindowStart + (long)(measure.TotalSeconds * Stopwatch.Frequency);

        public LongConcurrentHistogram Latency { get; } = new(1, HighestMicros, 3);

        public LongConcurrentHistogram Lateness { get; } = new(1, HighestMicros, 3);

        public ConcurrentDictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

        public string? FirstError;

        public void Dispatch()
        {
            var windowStart = WindowStart;
            var windowEnd = WindowEnd;
            for (long sequence = 0; ; sequence++)
            {
                var scheduled = start + (long)(sequence * interval);
                if (scheduled >= windowEnd)
                {
                    return;
                }

                // Sleep until it is due: short native sleeps, since Thread.Sleep's millisecond would delay every send.
                for (var now = Stopwatch.GetTimestamp(); now < scheduled; now = Stopwatch.GetTimestamp())
                {
                    Usleep((uint)Math.Clamp((scheduled - now) * 1_000_000 / Stopwatch.Frequency, 20, 1000));
                }

                var measured = scheduled >= windowStart;
                Scheduled += measured ? 1 : 0;
                if (Interlocked.Increment(ref InFlight) > InFlightMax)
                {
                    Interlocked.Decrement(ref InFlight);
                    NotSent += measured ? 1 : 0;
                    continue;
                }

                var sequenceNumber = sequence;
                ThreadPool.UnsafeQueueUserWorkItem(_ => _ = Send(scheduled, measured, sequenceNumber), null);
            }
        }

        private async Task Send(long scheduled, bool measured, long sequence)
        {
            var fired = Stopwatch.GetTimestamp();
            Authorization? answer = null;
            Exception? error = null;
            try
            {
                answer = await call(sequence);
            }
            catch (Exception exception)
            {
                error = exception;
            }

            var done = Stopwatch.GetTimestamp();
            if (answer is { IsApproved: true })
            {
                Interlocked.Increment(ref ApprovedAll);
            }
            else if (error is not null)
            {
                Interlocked.Increment(ref FailedAll);
            }

            if (measured)
            {
                Latency.RecordValue(Math.Clamp((done - scheduled) * 1_000_000 / Stopwatch.Frequency, 1, HighestMicros));
                Lateness.RecordValue(Math.Clamp((fired - scheduled) * 1_000_000 / Stopwatch.Frequency, 1, HighestMicros));
                if (error is not null)
                {
                    Interlocked.Increment(ref Failed);
                    Errors.AddOrUpdate(error is SwitchException switchError ? switchError.Code : error.GetType().Name, 1, (_, count) => count + 1);
                    Interlocked.CompareExchange(ref FirstError, $"{error.GetType().Name}: {error.Message}", null);
                }
                else if (answer!.IsApproved)
                {
                    Interlocked.Increment(ref Approved);
                }
                else
                {
                    Interlocked.Increment(ref Declined);
                }
            }

            Interlocked.Decrement(ref InFlight);
        }
    }
}
