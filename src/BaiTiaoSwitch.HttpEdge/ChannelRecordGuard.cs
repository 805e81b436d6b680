using BaiTiaoSwitch.Callers;

namespace BaiTiaoSwitch.HttpEdge;

/// <summary>
/// A record of channel X (a nonce shard, a recorded answer) is reachable by channel X only, whatever the caller's
/// role; to anyone else it does not exist. The cluster itself (a silo's own call with no caller) may reach any.
/// </summary>
internal static class ChannelRecordGuard
{
    public static void RequireOwner(string grainKey)
    {
        var caller = CurrentCaller.Caller;
        if (caller is null ? !CurrentCaller.IsInternal : !string.Equals(caller.Channel, ChannelRecords.OwnerOf(grainKey), StringComparison.Ordinal))
        {
            throw new NotFoundException("No such record for this channel.");
        }
    }
}
