using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.HttpEdge.Nonces;

/// <summary>
/// Remembers one shard of a channel's nonces in two generations of <see cref="ReplayWindow.NonceMemory"/> each, so a
/// nonce is refused for at least that long. The nonces stay in memory, on purpose: a write per request would cap the
/// gateway at the storage's write rate. What is stored is one fact per shard, written when it starts and when it stops:
/// until when nonces it accepted could still be replayed (<see cref="NonceShardState"/>). A shard that starts while that
/// time has not passed (the silo that held it died, or it moved with nonces still live) cannot vouch for requests
/// signed before it started, and refuses them; the caller signs again with a new nonce.
/// </summary>
[CollectionAgeLimit(Minutes = 25)]
public sealed class NonceGrain(
    [PersistentState("nonce-shard", StorageNames.Entities)] IPersistentState<NonceShardState> state,
    TimeProvider time) : Grain, INonceGrain
{
    /// <summary>Nonces one shard keeps per generation before it refuses new ones as overloaded.</summary>
    public const int GenerationSizeMax = 2_000_000;

    /// <summary>
    /// A restarted shard still accepts requests signed this long before it started: timestamps are whole seconds and a
    /// request takes a moment to arrive. A silo's death is noticed only seconds after it, so no nonce of the dead shard
    /// falls in this margin.
    /// </summary>
    public static readonly TimeSpan RestartGrace = TimeSpan.FromSeconds(2);

    private const string SignAgain =
        "The replay memory restarted after this request was signed and cannot vouch for it. Sign it again (a new nonce and timestamp) and retry with the same Idempotency-Key.";

    private HashSet<string> current = new(StringComparer.Ordinal);
    private HashSet<string> previous = new(StringComparer.Ordinal);
    private long generation = -1;
    private long signedFromMin = long.MinValue;
    private DateTimeOffset? lastAccepted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        if (state.State.LiveUntil > started)
        {
            signedFromMin = (started - RestartGrace).ToUnixTimeSeconds();
        }

        // Until this activation stops cleanly, the next one must assume it held live nonces.
        state.State = new NonceShardState { LiveUntil = DateTimeOffset.MaxValue };
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not SwitchException)
        {
            // A conflict with an activation that died mid-write, or a storage error: the shard cannot start, and the
            // storage exception must not travel to the gateway (it cannot even load its type). The caller retries.
            throw new SwitchOverloadedException("The replay memory of this channel is restarting. Sign the request again and retry with the same Idempotency-Key.");
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            state.State = new NonceShardState { LiveUntil = (lastAccepted ?? time.GetUtcNow()) + ReplayWindow.NonceMemory };
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception)
        {
            // Not recorded: the next activation assumes live nonces were lost and refuses requests signed before it, which is safe.
        }
    }

    public Task<bool> TryUse(string nonce, long timestampUnixSeconds)
    {
        ChannelRecordGuard.RequireOwner(this.GetPrimaryKeyString());
        var now = time.GetUtcNow();
        if (!ReplayWindow.IsFresh(now, timestampUnixSeconds))
        {
            return Task.FromResult(false);
        }

        if (timestampUnixSeconds < signedFromMin)
        {
            // Maybe a replay of a nonce the lost activation held, maybe a fresh request that waited out the restart
            // (the request that reactivates a shard was often queued behind the dead silo). It is not served either
            // way; the honest answer is "sign again", which a wallet retries with the same Idempotency-Key.
            throw new SwitchOverloadedException(SignAgain);
        }

        Rotate(now);
        if (previous.Contains(nonce) || current.Contains(nonce))
        {
            return Task.FromResult(false);
        }

        if (current.Count >= GenerationSizeMax)
        {
            throw new SwitchOverloadedException("The replay memory of this channel is full. Retry shortly with a new nonce.");
        }

        current.Add(nonce);
        lastAccepted = now;
        return Task.FromResult(true);
    }

    private void Rotate(DateTimeOffset now)
    {
        var index = now.UtcTicks / ReplayWindow.NonceMemory.Ticks;
        if (index == generation)
        {
            return;
        }

        if (index == generation + 1)
        {
            (previous, current) = (current, previous);
            current.Clear();
        }
        else
        {
            previous.Clear();
            current.Clear();
        }

        generation = index;
    }
}

/// <summary>Until when the nonces a shard accepted could be replayed: <see cref="DateTimeOffset.MaxValue"/> while it runs.</summary>
[GenerateSerializer, Immutable, Alias("bts.NonceShardState")]
public sealed record NonceShardState
{
    [Id(0)]
    public DateTimeOffset? LiveUntil { get; init; }
}
