using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Silo;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Hosting;

/// <summary>Every bad setting is reported by name at start, and no secret is echoed.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void A_bad_bin_and_hold_period_are_both_named()
    {
        var result = new SwitchOptionsValidator().Validate(null, new SwitchOptions { CardBin = "62AB", HoldPeriod = TimeSpan.Zero, Channels = [] });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith("CardBin", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("HoldPeriod", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Channels", StringComparison.Ordinal));
    }

    [Fact]
    public void A_short_encryption_key_and_a_missing_active_key_are_named_without_printing_key_material()
    {
        const string shortKey = "c2hvcnQta2V5";
        var options = new DataProtectionOptions { ActiveKeyId = "k2", EncryptionKeys = { ["k1"] = shortKey }, LookupKey = shortKey };

        var result = new DataProtectionOptionsValidator(TestEnvironments.Production).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith("ActiveKeyId", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("EncryptionKeys:k1", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("LookupKey", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, failure => failure.Contains(shortKey, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_connection_string_is_named_without_echoing_it()
    {
        var result = new SwitchStorageOptionsValidator().Validate(null, new SwitchStorageOptions { ConnectionString = "AccountKey=secret-value" });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith("ConnectionString", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, failure => failure.Contains("secret-value", StringComparison.Ordinal));
    }

    [Fact]
    public void Clashing_or_out_of_range_ports_and_a_bad_address_are_named()
    {
        var result = new SiloHostOptionsValidator().Validate(null, new SiloHostOptions { SiloPort = 30000, GatewayPort = 30000, AdvertisedIPAddress = "not-an-ip" });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith("SiloPort and GatewayPort", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("AdvertisedIPAddress", StringComparison.Ordinal));
        Assert.True(new SiloHostOptionsValidator().Validate(null, new SiloHostOptions()).Succeeded);
    }
}
