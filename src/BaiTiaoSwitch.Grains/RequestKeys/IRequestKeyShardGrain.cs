using BaiTiaoSwitch.Callers;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// One shard of a channel's idempotency-key namespace (key <c>{channel}/{shard:D2}</c>): decides claims in memory and
/// makes them durable in its <see cref="KeySegments"/> before it answers. Only the cluster calls it, through
/// <see cref="ShardedRequestKeyStore"/>.
/// </summary>
public interface IRequestKeyShardGrain : IGrainWithStringKey
{
    [ClusterInternal]
    Task<KeyClaim> Claim(string key, string owner, string fingerprint);

    [ClusterInternal]
    Task StoreAnswers(IReadOnlyList<KeyAnswer> answers);

    [ClusterInternal]
    Task<byte[]?> FindAnswer(string key, string owner);

    /// <summary>Lets go of keys past the retention, deletes their segments and compacts closed ones. Returns how many keys left.</summary>
    [ClusterInternal]
    Task<int> Sweep();
}
