using System.Net;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Silo;

/// <summary>Where this silo listens and which cluster it joins.</summary>
public sealed class SiloHostOptions
{
    public string ClusterId { get; set; } = "baitiao-local";

    public string ServiceId { get; set; } = "baitiao-switch";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The silo's HTTP port for operators: the Orleans Dashboard at <c>/dashboard</c> and Prometheus text at <c>/metrics</c>,
    /// both behind the operator credential (open on loopback in Development). Each silo on one machine needs its own.
    /// </summary>
    public int HttpPort { get; set; } = 8480;

    /// <summary>Deadline of a grain call. Payments need seconds, not Orleans' 30 s default.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloHostOptions options)
    {
        var failures = new List<string>();
        if (options.SiloPort is < 1 or > 65535 || options.GatewayPort is < 1 or > 65535 || options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{nameof(options.SiloPort)} and {nameof(options.GatewayPort)} must be two different ports from 1 to 65535.");
        }

        if (options.HttpPort is < 1 or > 65535 || options.HttpPort == options.SiloPort || options.HttpPort == options.GatewayPort)
        {
            failures.Add($"{nameof(options.HttpPort)} must be a port from 1 to 65535 other than {nameof(options.SiloPort)} and {nameof(options.GatewayPort)}.");
        }

        if (!IPAddress.TryParse(options.AdvertisedIPAddress, out _))
        {
            failures.Add($"{nameof(options.AdvertisedIPAddress)} must be an IP address.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{nameof(options.ClusterId)} and {nameof(options.ServiceId)} are required.");
        }

        if (options.ResponseTimeout <= TimeSpan.Zero || options.ResponseTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{nameof(options.ResponseTimeout)} must be more than 0 and at most 30 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
