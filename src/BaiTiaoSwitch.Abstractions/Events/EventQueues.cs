namespace BaiTiaoSwitch.Events;

/// <summary>
/// The Azure Queues under the event streams. They are the service's own (its id is in their names), so two clusters
/// that share a storage account never read each other's events. Queue names: 3–63 lowercase letters, digits and single
/// hyphens.
/// </summary>
public static class EventQueues
{
    public const int Count = 4;

    public static List<string> NamesFor(string namePrefix, string serviceId)
    {
        var service = new string(serviceId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (service.Contains("--", StringComparison.Ordinal))
        {
            service = service.Replace("--", "-", StringComparison.Ordinal);
        }

        var stem = $"{namePrefix}-{service.Trim('-')}";
        stem = stem[..Math.Min(stem.Length, 50)].TrimEnd('-');
        return [.. Enumerable.Range(0, Count).Select(index => $"{stem}-events-{index}")];
    }
}
