namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>A credit line as the issuer sees it, in fen.</summary>
public sealed record LineView(string AccountId, string Status, long Limit, long Available, long Pending, long Posted, long OverLimit);
