using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>A key shard's upkeep: the retention sweep, compaction of closed segments, and what it logs.</summary>
public sealed partial class RequestKeyShardGrain
{
    public async Task<int> Sweep()
    {
        ThrowIfBroken();
        var cutoff = CutoffSeconds;
        var expired = held.ExpireBefore(cutoff);
        var deleted = await segments.DeleteBefore(cutoff);
        StartCompacting();
        LogSwept(this.GetPrimaryKeyString(), expired, deleted);
        return expired;
    }

    private void StartCompacting()
    {
        if (compacting.IsCompleted && segments.Uncompacted.FirstOrDefault() is var number and > 0)
        {
            compacting = Compact(number);
        }

        async Task Compact(long segment)
        {
            try
            {
                await segments.Compact(segment);
            }
            catch (Exception exception)
            {
                // Left for the next roll or sweep: an uncompacted segment is only a bigger metadata record.
                LogCompactionFailed(exception, this.GetPrimaryKeyString(), segment);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key namespace {Shard}: {Expired} keys past retention let go, {Deleted} segments deleted")]
    private partial void LogSwept(string shard, int expired, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key namespace {Shard}: an append failed; the shard leaves and its callers retry")]
    private partial void LogAppendFailed(Exception exception, string shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key namespace {Shard}: compacting segment {Segment} failed; it is tried again later")]
    private partial void LogCompactionFailed(Exception exception, string shard, long segment);
}
