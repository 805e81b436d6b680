using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>Bounds of the channels' key namespaces (<see cref="RequestKeyShardGrain"/>, <see cref="KeySegments"/>).</summary>
public sealed class RequestKeyOptions
{
    /// <summary>
    /// Keys one shard holds at most (about 80 bytes of memory each, for the key retention). Past it new claims are refused
    /// as overloaded (retryable): raise <c>SwitchOptions.RequestKeyShards</c> for a channel with more keys a retention.
    /// </summary>
    public int HeldPerShardMax { get; set; } = 2_000_000;

    /// <summary>Claims and answers waiting to be appended in one shard; past it new ones are refused as overloaded.</summary>
    public int PendingMax { get; set; } = 20_000;

    /// <summary>Bytes of one appended block at most (Azure allows 4 MiB an append); a longer wait is appended in several.</summary>
    public int BlockBytesMax { get; set; } = 1024 * 1024;

    /// <summary>Bytes of one segment before it rolls.</summary>
    public int SegmentBytesMax { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Appended blocks of one segment before it rolls (Azure allows 50,000 blocks an append blob). Until a segment is
    /// closed and compacted, its store keeps a block-list record per block (Azurite: about 250 B each, in the metadata file
    /// it rewrites as it grows), so a segment rolls well before Azure's limit.
    /// </summary>
    public int SegmentBlocksMax { get; set; } = 2_000;

    /// <summary>How long a segment stays open: the retention then deletes whole segments about this often.</summary>
    public TimeSpan SegmentPeriod { get; set; } = TimeSpan.FromHours(1);
}

public sealed class RequestKeyOptionsValidator : IValidateOptions<RequestKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestKeyOptions options)
    {
        var failures = new List<string>();
        Check(options.HeldPerShardMax is >= 1_000 and <= 100_000_000, nameof(options.HeldPerShardMax), "must be from 1,000 to 100,000,000");
        Check(options.PendingMax is >= 10 and <= 1_000_000, nameof(options.PendingMax), "must be from 10 to 1,000,000");
        Check(options.BlockBytesMax is >= 4 * 1024 and <= 4 * 1024 * 1024, nameof(options.BlockBytesMax), "must be from 4 KiB to 4 MiB");
        Check(options.SegmentBytesMax >= options.BlockBytesMax * 2 && options.SegmentBytesMax <= 1024 * 1024 * 1024, nameof(options.SegmentBytesMax), "must be from twice BlockBytesMax to 1 GiB");
        Check(options.SegmentBlocksMax is >= 3 and <= 50_000, nameof(options.SegmentBlocksMax), "must be from 3 to 50,000");
        Check(options.SegmentPeriod >= TimeSpan.FromMinutes(1) && options.SegmentPeriod <= TimeSpan.FromDays(1), nameof(options.SegmentPeriod), "must be from 1 minute to 1 day");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(bool valid, string setting, string rule)
        {
            if (!valid)
            {
                failures.Add($"RequestKeys:{setting} {rule}.");
            }
        }
    }
}
