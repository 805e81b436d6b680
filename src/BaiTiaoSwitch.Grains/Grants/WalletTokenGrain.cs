using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Grants;

/// <summary>Keyed hash of a wallet token → grant id.</summary>
public sealed class WalletTokenGrain(
    [PersistentState("token-index", StorageNames.Entities)] IPersistentState<IndexEntry> entry) : IndexGrain(entry), IWalletTokenGrain;
