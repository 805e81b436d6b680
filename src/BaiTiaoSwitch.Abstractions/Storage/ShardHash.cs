namespace BaiTiaoSwitch.Storage;

/// <summary>
/// FNV-1a over a string: the same value on every process and version (string.GetHashCode is randomized per
/// process), so a key or an account lands in the same storage shard whichever silo computes it.
/// </summary>
public static class ShardHash
{
    public static uint Of(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    public static int Shard(string value, int shardCount) => (int)(Of(value) % (uint)shardCount);
}
