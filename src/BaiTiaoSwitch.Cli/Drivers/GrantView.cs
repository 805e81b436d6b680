namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>A card bound to a wallet channel. The wallet token is shown to its own channel only.</summary>
public sealed record GrantView(string GrantId, string Channel, string Last4, string Status, bool HasWalletToken);
