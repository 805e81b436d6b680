using System.Net;

namespace BaiTiaoSwitch.Payments;

/// <summary>
/// What the wallet knows of the payer's device: an opaque device id (at most 64 characters) and an IP address.
/// Risk rules use it (device and IP reuse across accounts); it is optional on an authorization.
/// </summary>
[GenerateSerializer, Immutable, Alias("bts.PayerDevice")]
public sealed record PayerDevice(
    [property: Id(0)] string? Id,
    [property: Id(1)] string? Ip)
{
    public PayerDevice Validated()
    {
        if (Id is not null)
        {
            Ids.RequireText(Id, "device.id", Ids.IdLengthMax);
        }

        if (Ip is not null && !IPAddress.TryParse(Ip, out _))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'device.ip' must be an IPv4 or IPv6 address.");
        }

        return this;
    }
}
