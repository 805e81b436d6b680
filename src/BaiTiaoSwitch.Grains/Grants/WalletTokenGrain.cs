using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Grants;

/// <summary>Keyed hash of a wallet token → grant id.</summary>
public sealed class WalletTokenGrain(
    [PersistentState("token-index", StorageNames.Entities)] IPersistentState<IndexEntry> entry,
    ILogger<WalletTokenGrain> logger) : IndexGrain(entry, logger), IWalletTokenGrain;
