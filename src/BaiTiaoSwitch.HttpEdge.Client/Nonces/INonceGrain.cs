namespace BaiTiaoSwitch.HttpEdge.Nonces;

/// <summary>
/// The replay memory of signed requests: one shard of one channel's nonces, keyed <c>{channel}/{shard}</c>
/// (see <see cref="NonceKeys"/>). It lives in the cluster, so every gateway instance shares it. Only the channel
/// whose nonces it holds may use it (as proven by its caller token); anyone else gets not_found.
/// Nonces are kept in memory for at least <see cref="ReplayWindow.NonceMemory"/>; a shard that may have lost live
/// nonces (its silo died, or it moved) refuses requests signed before it started.
/// </summary>
public interface INonceGrain : IGrainWithStringKey
{
    /// <summary>
    /// True the first time the nonce is seen within the memory window, for a request stamped <paramref name="timestampUnixSeconds"/>;
    /// false for a replay or a stale timestamp. A fresh request signed before this shard started (it may have lost live
    /// nonces) throws the retryable <see cref="SwitchOverloadedException"/>: the caller signs again and retries.
    /// </summary>
    Task<bool> TryUse(string nonce, long timestampUnixSeconds);
}
