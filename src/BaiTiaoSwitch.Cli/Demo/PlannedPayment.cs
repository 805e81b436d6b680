using BaiTiaoSwitch.Cli.Drivers;

namespace BaiTiaoSwitch.Cli.Demo;

/// <summary>One payment the demo will send: which wallet, where, how much (fen).</summary>
public sealed record PlannedPayment(int Number, string Channel, DemoMerchant Merchant, long Amount);
