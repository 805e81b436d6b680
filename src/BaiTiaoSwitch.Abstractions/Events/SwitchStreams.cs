namespace BaiTiaoSwitch.Events;

/// <summary>
/// Where events are published: Orleans streams on Azure Queues (provider <see cref="Provider"/>), namespace
/// <see cref="Namespace"/>, one of <see cref="StreamCount"/> streams chosen by the line, so a line's events stay in
/// order. A consumer of every event subscribes to all of them.
/// </summary>
public static class SwitchStreams
{
    public const string Provider = "bts-events";
    public const string Namespace = "switch-events";
    public const int StreamCount = 8;

    public static string StreamKeyOf(string accountId) => "events-" + Storage.ShardHash.Shard(accountId, StreamCount);

    public static IEnumerable<string> AllStreamKeys => Enumerable.Range(0, StreamCount).Select(index => "events-" + index);
}
