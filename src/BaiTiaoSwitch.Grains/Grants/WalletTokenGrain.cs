using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Storage;

namespace BaiTiaoSwitch.Grants;

/// <summary>Keyed hash of a wallet token → grant id.</summary>
public sealed class WalletTokenGrain(
    [PersistentState("token-index", StorageNames.Entities)] IPersistentState<IndexEntry> entry) : Grain, IWalletTokenGrain
{
    public async Task Register(string grantId)
    {
        if (entry.State.TargetId == grantId)
        {
            return;
        }

        if (entry.State.TargetId is not null)
        {
            throw new InvalidOperationException("This wallet token is already registered to another grant.");
        }

        entry.State.TargetId = grantId;
        await entry.WriteStateAsync();
    }

    public Task<string?> Find() => Task.FromResult(entry.State.TargetId);
}
