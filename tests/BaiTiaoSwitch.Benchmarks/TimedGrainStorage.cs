using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Stopwatch instrumentation around one of the switch's storage providers, added by the benchmark's silo configuration
/// (the core is not changed). A provider's write runs synchronously until its first real I/O wait, and it runs on
/// the calling grain's turn, so the synchronous part is CPU the account grain spends serializing and building the
/// request, during which it decides nothing else; the rest is the round trip to Azurite.
/// </summary>
public sealed class TimedGrainStorage(IGrainStorage inner, StorageTimings timings, bool writeOffTurn) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        return Timed(timings.Reads, inner.ReadStateAsync(stateName, grainId, grainState), started);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();

        // What-if: the caller's await resumes on its grain's scheduler as usual, but serialization and the request
        // run on the thread pool, so the grain keeps deciding meanwhile.
        var write = writeOffTurn ? Task.Run(() => inner.WriteStateAsync(stateName, grainId, grainState)) : inner.WriteStateAsync(stateName, grainId, grainState);
        return Timed(timings.Writes, write, started);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        return Timed(timings.Deletes, inner.ClearStateAsync(stateName, grainId, grainState), started);
    }

    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);

    /// <summary>Wraps the keyed provider <paramref name="name"/> registered so far in <paramref name="services"/>.</summary>
    public static void Decorate(IServiceCollection services, string name, bool offTurn)
    {
        var descriptor = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        var factory = descriptor.KeyedImplementationFactory ?? throw new InvalidOperationException($"Storage provider {name} is not registered with a factory.");
        services.Remove(descriptor);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) => new TimedGrainStorage((IGrainStorage)factory(provider, key), StorageTimings.For(name), offTurn));
    }

    private static async Task Timed(OperationTimings timings, Task operation, long started)
    {
        var synchronous = Stopwatch.GetTimestamp() - started;
        try
        {
            await operation;
        }
        finally
        {
            timings.Add(synchronous, Stopwatch.GetTimestamp() - started);
        }
    }
}

public sealed class StorageTimings
{
    private static readonly ConcurrentDictionary<string, StorageTimings> All = new(StringComparer.Ordinal);

    public OperationTimings Reads { get; } = new();

    public OperationTimings Writes { get; } = new();

    /// <summary>ClearStateAsync: the account deletes journal entries below its snapshot this way.</summary>
    public OperationTimings Deletes { get; } = new();

    public static StorageTimings For(string name) => All.GetOrAdd(name, _ => new StorageTimings());

    public static IReadOnlyList<string> Summaries(double seconds) =>
        All.OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .SelectMany(entry => new[] { entry.Value.Writes.Summary($"{entry.Key} writes", seconds), entry.Value.Reads.Summary($"{entry.Key} reads", seconds), entry.Value.Deletes.Summary($"{entry.Key} deletes", seconds) })
            .Where(line => !line.EndsWith(": none", StringComparison.Ordinal))
            .ToList();

    /// <summary>
    /// Storage operations per unit of work (a line set up, say), by provider and kind, with the mean round trip of each:
    /// where the storage time of that unit goes.
    /// </summary>
    public static (double Operations, double RoundTripMs, string Breakdown) Per(double units)
    {
        var parts = All.OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .SelectMany(entry => new[] { ($"{entry.Key} writes", entry.Value.Writes.Read()), ($"{entry.Key} reads", entry.Value.Reads.Read()), ($"{entry.Key} deletes", entry.Value.Deletes.Read()) })
            .Where(part => part.Item2.Count > 0)
            .ToList();
        var operations = parts.Sum(part => part.Item2.Count) / units;
        var roundTripMs = parts.Sum(part => part.Item2.Count * part.Item2.TotalMs) / units;
        var breakdown = string.Join(", ", parts.Select(part => $"{part.Item1} {part.Item2.Count / units:0.0} x {part.Item2.TotalMs:0.0} ms"));
        return (operations, roundTripMs, breakdown);
    }

    public static void ResetAll()
    {
        foreach (var timings in All.Values)
        {
            timings.Reads.Reset();
            timings.Writes.Reset();
            timings.Deletes.Reset();
        }
    }
}

/// <summary>Count, mean and max of the synchronous (in-grain CPU) part and of the whole operation.</summary>
public sealed class OperationTimings
{
    private readonly Lock gate = new();
    private long count;
    private long synchronousTicks;
    private long totalTicks;
    private long synchronousMax;
    private long totalMax;

    public void Add(long synchronous, long total)
    {
        lock (gate)
        {
            count++;
            synchronousTicks += synchronous;
            totalTicks += total;
            synchronousMax = Math.Max(synchronousMax, synchronous);
            totalMax = Math.Max(totalMax, total);
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            count = synchronousTicks = totalTicks = synchronousMax = totalMax = 0;
        }
    }

    public (long Count, double SynchronousMs, double TotalMs, double SynchronousMaxMs, double TotalMaxMs, double SynchronousSeconds) Read()
    {
        lock (gate)
        {
            double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
            return count == 0
                ? (0, 0, 0, 0, 0, 0)
                : (count, Ms(synchronousTicks) / count, Ms(totalTicks) / count, Ms(synchronousMax), Ms(totalMax), synchronousTicks / (double)Stopwatch.Frequency);
        }
    }

    public string Summary(string what, double seconds)
    {
        var (n, sync, total, syncMax, totalMax, syncSeconds) = Read();
        return n == 0
            ? $"{what}: none"
            : $"{what}: {n:N0} ({n / seconds:N0}/s), each {total:0.0} ms (max {totalMax:0}) of which {sync:0.00} ms (max {syncMax:0}) on the grain's turn before the I/O; {100 * syncSeconds / seconds:0}% of a core in those turns";
    }
}
