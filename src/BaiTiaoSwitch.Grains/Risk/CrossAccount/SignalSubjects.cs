using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>What a monitor watches: one device, one IP address or one merchant. The subject is the monitor's key.</summary>
public static class SignalSubjects
{
    public static string Device(string deviceId) => "device:" + deviceId;

    public static string Ip(string ip) => "ip:" + ip;

    public static string Merchant(string merchantId) => "merchant:" + merchantId;

    /// <summary>The subjects a decision teaches: its merchant, and its device and IP when the wallet sent them.</summary>
    public static IEnumerable<string> Of(string merchantId, PayerDevice? device)
    {
        yield return Merchant(merchantId);
        if (device?.Id is { } id)
        {
            yield return Device(id);
        }

        if (device?.Ip is { } ip)
        {
            yield return Ip(ip);
        }
    }
}
