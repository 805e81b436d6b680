namespace BaiTiaoSwitch.HttpEdge.Nonces;

/// <summary>
/// Remembers one shard of a channel's nonces in two generations of <see cref="NonceKeys.Memory"/> each, so a nonce
/// is refused for at least that long. Memory only, on purpose: a write per request would cap the gateway at the
/// storage's write rate. If the silo holding a shard dies, its memory is lost; stale timestamps (over 300 s) are
/// still refused, so a replay is possible only within those 300 s after such a crash.
/// </summary>
[CollectionAgeLimit(Minutes = 25)]
public sealed class NonceGrain(TimeProvider time) : Grain, INonceGrain
{
    /// <summary>Nonces one shard keeps per generation before it refuses new ones as overloaded.</summary>
    public const int GenerationSizeMax = 2_000_000;

    private HashSet<string> current = new(StringComparer.Ordinal);
    private HashSet<string> previous = new(StringComparer.Ordinal);
    private long generation = -1;

    public Task<bool> TryUse(string nonce)
    {
        ChannelRecordGuard.RequireOwner(this.GetPrimaryKeyString());
        Rotate();
        if (previous.Contains(nonce) || current.Contains(nonce))
        {
            return Task.FromResult(false);
        }

        if (current.Count >= GenerationSizeMax)
        {
            throw new SwitchOverloadedException("The replay memory of this channel is full. Retry shortly with a new nonce.");
        }

        current.Add(nonce);
        return Task.FromResult(true);
    }

    private void Rotate()
    {
        var now = time.GetUtcNow().UtcTicks / NonceKeys.Memory.Ticks;
        if (now == generation)
        {
            return;
        }

        if (now == generation + 1)
        {
            (previous, current) = (current, previous);
            current.Clear();
        }
        else
        {
            previous.Clear();
            current.Clear();
        }

        generation = now;
    }
}
