using BaiTiaoSwitch.Client;

namespace BaiTiaoSwitch.Tests.Infrastructure.Load;

/// <summary>
/// SDK clients whose own retries are off, so a test sees every failed call and retries it itself, counting.
/// The one place that builds them: when the SDK's constructor changes (proven callers), only this changes.
/// </summary>
public static class Wallets
{
    public static BaiTiaoSwitchClient WithoutRetries(IGrainFactory grains, string channel) => new(grains, TestKeys.Wallet(channel), retriesMax: 0);
}
