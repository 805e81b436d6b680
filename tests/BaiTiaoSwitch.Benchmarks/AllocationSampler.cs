using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Which types the allocations of a measured window went to, from the runtime's own sampling (<c>GCAllocationTick</c>:
/// one event per about 100 KB allocated, naming the type of the object that crossed the mark). Over thousands of
/// authorizations the samples add up to the share of each type, which is what a per-authorization allocation budget
/// needs: <see cref="GC.GetTotalAllocatedBytes"/> says how much, this says on what. Only on with <c>--alloc-types</c>,
/// because the runtime's verbose GC events cost a little CPU.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEventId = 10;
    private const long GcKeyword = 0x1;
    private static AllocationSampler? instance;
    private readonly ConcurrentDictionary<string, long> bytesByType = new(StringComparer.Ordinal);

    /// <summary>Starts sampling for the rest of the process; later calls do nothing.</summary>
    public static void Enable() => instance ??= new AllocationSampler();

    public static void Reset() => instance?.bytesByType.Clear();

    /// <summary>The types with the most sampled bytes, per unit of work; empty when sampling is off.</summary>
    public static IReadOnlyList<string> Per(double units, string unitName, int top = 20)
    {
        if (instance is null)
        {
            return [];
        }

        var snapshot = instance.bytesByType.ToArray().OrderByDescending(entry => entry.Value).ToList();
        var total = snapshot.Sum(entry => entry.Value);
        return
        [
            $"allocation samples: {total / units / 1024:0.0} KiB per {unitName}, by type",
            .. snapshot.Take(top).Select(entry => $"  {entry.Key,-90} {entry.Value / units,8:N0} B ({100.0 * entry.Value / Math.Max(1, total),4:0.0}%)"),
        ];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTickEventId || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var amount = payload[names.IndexOf("AllocationAmount64")] is ulong bytes ? (long)bytes : 0;
        var type = payload[names.IndexOf("TypeName")] as string ?? "?";
        bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
