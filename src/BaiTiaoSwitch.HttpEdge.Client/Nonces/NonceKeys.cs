namespace BaiTiaoSwitch.HttpEdge.Nonces;

/// <summary>Where a channel's nonce is remembered. Shards spread one busy channel over several grains.</summary>
public static class NonceKeys
{
    public const int ShardCount = 16;

    /// <summary>The grain key for a channel's nonce. The shard comes from a stable hash (FNV-1a), the same in every process.</summary>
    public static string For(string channel, ReadOnlySpan<char> nonce)
    {
        var hash = 2166136261u;
        foreach (var c in nonce)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return string.Create(channel.Length + 3, (channel, shard: (int)(hash % ShardCount)), static (span, state) =>
        {
            state.channel.AsSpan().CopyTo(span);
            span[state.channel.Length] = '/';
            span[state.channel.Length + 1] = (char)('0' + (state.shard / 10));
            span[state.channel.Length + 2] = (char)('0' + (state.shard % 10));
        });
    }
}
