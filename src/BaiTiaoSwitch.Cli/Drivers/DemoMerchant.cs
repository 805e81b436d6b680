namespace BaiTiaoSwitch.Cli.Drivers;

/// <summary>A merchant the demo shops at. <c>Mcc</c> is the ISO 18245 category code.</summary>
public sealed record DemoMerchant(string Id, string Name, string Mcc, string Country)
{
    public static readonly IReadOnlyList<DemoMerchant> All =
    [
        new("m-luckin-0571", "Luckin Coffee", "5814", "CN"),
        new("m-meituan-0101", "Meituan Waimai", "5812", "CN"),
        new("m-jd-0001", "JD.com", "5311", "CN"),
        new("m-didi-0755", "DiDi Chuxing", "4121", "CN"),
        new("m-12306-0001", "China Railway 12306", "4112", "CN"),
        new("m-hema-0021", "Freshippo", "5411", "CN"),
    ];
}
