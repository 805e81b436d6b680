namespace BaiTiaoSwitch.HttpEdge;

/// <summary>The edge's records are keyed <c>{channel}/{...}</c>: the part before the first slash names the channel that owns them.</summary>
public static class ChannelRecords
{
    public static string OwnerOf(string grainKey)
    {
        var slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? grainKey[..slash] : "";
    }
}
