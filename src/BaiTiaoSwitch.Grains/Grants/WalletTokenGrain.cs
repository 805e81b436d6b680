using BaiTiaoSwitch.Cards;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Grants;

/// <summary>Keyed hash of a wallet token → grant id.</summary>
public sealed class WalletTokenGrain(ILogger<WalletTokenGrain> logger) : IndexGrain("token-index", logger), IWalletTokenGrain;
