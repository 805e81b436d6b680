using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace BaiTiaoSwitch.Benchmarks;

/// <summary>
/// Every request the Azure SDK clients of this process send to storage, counted by kind (table batch, table entity by
/// table, queue put/get/delete, blob), from the SDK's own event source (<c>Azure-Core</c>, event 1: method and URI).
/// Counts are exact whatever the machine's load, so they show where the store's work goes per authorization even when
/// rates are noisy.
/// </summary>
public sealed class AzureRequestTally : EventListener
{
    public static readonly AzureRequestTally Instance = new();
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public static void Reset() => Instance.counts.Clear();

    /// <summary>Requests per unit of work by kind, most first, and the total.</summary>
    public static IReadOnlyList<string> Per(double units, string unitName)
    {
        var snapshot = Instance.counts.ToArray().OrderByDescending(entry => entry.Value).ToList();
        var total = snapshot.Sum(entry => entry.Value);
        return
        [
            $"storage requests: {total:N0} = {total / units:0.000} per {unitName}",
            .. snapshot.Select(entry => $"  {entry.Key,-34} {entry.Value,9:N0} = {entry.Value / units:0.000} per {unitName}"),
        ];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != 1 || eventData.Payload is not { Count: >= 3 } payload || payload[1] is not string method || payload[2] is not string uri)
        {
            return;
        }

        counts.AddOrUpdate(KindOf(method, uri), 1, (_, count) => count + 1);
    }

    private static string KindOf(string method, string uri)
    {
        var path = new Uri(uri).AbsolutePath.TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? Stem(segments[1]) : "(account)";
        if (path.EndsWith("$batch", StringComparison.Ordinal))
        {
            return "table batch";
        }

        if (segments.Length > 2 && segments[2] == "messages")
        {
            var kind = method switch { "POST" => "put", "GET" => "get", "DELETE" => "delete", _ => method };
            return $"queue {kind} ({resource})";
        }

        return $"{method} {resource}";
    }

    /// <summary>The run's name prefix, taken off table, queue and container names.</summary>
    public static string NamePrefix { get; set; } = "";

    private static string Stem(string segment)
    {
        var name = segment.Split('(')[0];
        name = name.StartsWith(NamePrefix, StringComparison.OrdinalIgnoreCase) ? name[NamePrefix.Length..] : name;
        var events = name.IndexOf("-events-", StringComparison.Ordinal);
        return (events >= 0 ? name[(events + 1)..] : name).Trim('-');
    }
}
