namespace BaiTiaoSwitch.Http;

/// <summary>
/// The replay memory of signed requests: one shard of one channel's nonces, keyed <c>{channel}/{shard}</c>
/// (see <see cref="NonceKeys"/>). It lives in the cluster, so every gateway instance shares it.
/// Memory only: nonces are kept between <see cref="NonceKeys.Memory"/> and twice that, in two rotating generations.
/// </summary>
public interface INonceGrain : IGrainWithStringKey
{
    /// <summary>True the first time the nonce is seen within the memory window; false for a replay.</summary>
    Task<bool> TryUse(string nonce);
}
