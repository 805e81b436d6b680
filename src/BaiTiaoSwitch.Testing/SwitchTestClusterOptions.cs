using BaiTiaoSwitch.Accounts;

namespace BaiTiaoSwitch.Testing;

/// <summary>How a <see cref="SwitchTestCluster"/> is built.</summary>
public sealed class SwitchTestClusterOptions
{
    /// <summary>How many silos (at least 1).</summary>
    public short Silos { get; set; } = 2;

    public SwitchTestStorage Storage { get; set; } = SwitchTestStorage.Memory;

    /// <summary>The wallet channels the cluster accepts, each with a fresh cluster key.</summary>
    public IList<string> WalletChannels { get; } = ["alipay", "wechatpay"];

    /// <summary>Where the test clock starts.</summary>
    public DateTimeOffset ClockStart { get; set; } = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The Azure Storage account for <see cref="SwitchTestStorage.Azurite"/>; by default <see cref="Azurite.ConnectionString"/>.</summary>
    public string? AzuriteConnectionString { get; set; }

    /// <summary>Changes to the switch's business settings (hold period, bounds, sweeps).</summary>
    public Action<SwitchOptions>? ConfigureSwitch { get; set; }
}
