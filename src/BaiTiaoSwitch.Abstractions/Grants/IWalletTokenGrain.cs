namespace BaiTiaoSwitch.Grants;

/// <summary>Maps a wallet token to its grant. Keyed by the keyed hash of the token, so no token appears in a grain id.</summary>
public interface IWalletTokenGrain : IGrainWithStringKey
{
    /// <summary>True when the token is (now or already) this grant's; false when another grant holds it.</summary>
    [ClusterInternal]
    Task<bool> Register(string grantId);

    [ClusterInternal]
    [Orleans.Concurrency.ReadOnly]
    Task<string?> Find();
}
