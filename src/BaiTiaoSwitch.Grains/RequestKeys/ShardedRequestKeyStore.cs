using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.RequestKeys;

/// <summary>
/// The channels' key namespaces as grains: a key belongs to shard <c>hash(key) mod RequestKeyShards</c> of its channel,
/// one <see cref="IRequestKeyShardGrain"/> each. Each channel's sweep is asked to run once per silo process (again after
/// a failure), so every namespace that takes keys stays bounded by the retention.
/// </summary>
public sealed class ShardedRequestKeyStore(IGrainFactory grains, IOptions<SwitchOptions> options) : IRequestKeyStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> sweeps = new(StringComparer.Ordinal);

    /// <summary>Shards of one channel's namespace (<c>SwitchOptions.RequestKeyShards</c>).</summary>
    public int ShardCount => options.Value.RequestKeyShards;

    public IRequestKeyShardGrain ShardOf(string channel, int shard) => grains.GetGrain<IRequestKeyShardGrain>(RequestKeyShardGrain.KeyOf(channel, shard));

    public Task<KeyClaim> Claim(string channel, string key, string owner, string fingerprint, CancellationToken cancellationToken = default)
    {
        if (!sweeps.TryGetValue(channel, out var started) || started.IsFaulted)
        {
            sweeps[channel] = grains.GetGrain<IRequestKeySweepGrain>(channel).Start();
        }

        return Shard(channel, key).Claim(key, owner, fingerprint);
    }

    public Task StoreAnswers(IReadOnlyList<KeyAnswer> answers, CancellationToken cancellationToken = default) =>
        Task.WhenAll(answers.GroupBy(answer => (answer.Channel, Shard: ShardHash.Shard(answer.Key, ShardCount)))
            .Select(shard => ShardOf(shard.Key.Channel, shard.Key.Shard).StoreAnswers([.. shard])));

    public Task<byte[]?> FindAnswer(string channel, string key, string owner, CancellationToken cancellationToken = default) =>
        Shard(channel, key).FindAnswer(key, owner);

    private IRequestKeyShardGrain Shard(string channel, string key) => ShardOf(channel, ShardHash.Shard(key, ShardCount));
}
