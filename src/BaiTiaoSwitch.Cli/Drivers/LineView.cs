namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>
/// A credit line as the issuer sees it, in fen. <see cref="InstallmentsOutstanding"/> is the part of
/// <see cref="Posted"/> on installment plans; <see cref="BillingDay"/> the day of the month its statements are cut.
/// </summary>
public sealed record LineView(string AccountId, string Status, long Limit, long Available, long Pending, long Posted, long OverLimit, int BillingDay, long InstallmentsOutstanding);
