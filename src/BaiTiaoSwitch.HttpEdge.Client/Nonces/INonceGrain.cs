namespace BaiTiaoSwitch.HttpEdge.Nonces;

/// <summary>
/// The replay memory of signed requests: one shard of one channel's nonces, keyed <c>{channel}/{shard}</c>
/// (see <see cref="NonceKeys"/>). It lives in the cluster, so every gateway instance shares it. Only the channel
/// whose nonces it holds may use it (as proven by its caller token); anyone else gets not_found.
/// Memory only: nonces are kept between <see cref="NonceKeys.Memory"/> and twice that, in two rotating generations.
/// </summary>
public interface INonceGrain : IGrainWithStringKey
{
    /// <summary>True the first time the nonce is seen within the memory window; false for a replay.</summary>
    Task<bool> TryUse(string nonce);
}
