using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Silo.Tls;
using BaiTiaoSwitch.Tests.Infrastructure;
using Xunit;

namespace BaiTiaoSwitch.Tests.Hosting;

/// <summary>Outside Development, a silo or client refuses to start without TLS or with a public local-development key.</summary>
public sealed class TrustSettingsValidationTests
{
    private static readonly string LocalDevelopmentKey = KeyMaterial.LocalDevelopmentPrefix + TestKeys.LookupKey;

    [Fact]
    public void Outside_development_a_silo_without_a_tls_certificate_is_refused()
    {
        var production = new SiloTlsOptionsValidator(TestEnvironments.Production).Validate(null, new SiloTlsOptions());
        var development = new SiloTlsOptionsValidator(TestEnvironments.Development).Validate(null, new SiloTlsOptions());
        var missingFile = new SiloTlsOptionsValidator(TestEnvironments.Production).Validate(null, new SiloTlsOptions { CertificatePath = "/nonexistent/cluster.pfx", CertificatePassword = "secret-password" });

        Assert.True(production.Failed);
        Assert.Contains(production.Failures!, failure => failure.StartsWith("Tls:CertificatePath", StringComparison.Ordinal));
        Assert.True(development.Succeeded);
        Assert.Contains(missingFile.Failures!, failure => failure.Contains("does not exist", StringComparison.Ordinal));
        Assert.DoesNotContain(missingFile.Failures!, failure => failure.Contains("secret-password", StringComparison.Ordinal));
    }

    [Fact]
    public void Outside_development_local_development_data_protection_keys_are_refused()
    {
        var options = new DataProtectionOptions { ActiveKeyId = "local-dev-1", EncryptionKeys = { ["local-dev-1"] = TestKeys.EncryptionKey1 }, LookupKey = LocalDevelopmentKey };

        var production = new DataProtectionOptionsValidator(TestEnvironments.Production).Validate(null, options);
        var development = new DataProtectionOptionsValidator(TestEnvironments.Development).Validate(null, options);

        Assert.Contains(production.Failures!, failure => failure.StartsWith("EncryptionKeys:local-dev-1 is a public local-development key", StringComparison.Ordinal));
        Assert.Contains(production.Failures!, failure => failure.StartsWith("LookupKey is a public local-development key", StringComparison.Ordinal));
        Assert.True(development.Succeeded, development.FailureMessage);
    }

    [Fact]
    public void Outside_development_local_development_caller_keys_are_refused()
    {
        var options = new CallerOptions { Callers = [TestKeys.Alipay with { Key = LocalDevelopmentKey }] };

        var production = new CallerOptionsValidator(TestEnvironments.Production).Validate(null, options);
        var development = new CallerOptionsValidator(TestEnvironments.Development).Validate(null, options);

        Assert.Contains(production.Failures!, failure => failure.StartsWith("Callers:0:Key of channel 'alipay' is a public local-development key", StringComparison.Ordinal));
        Assert.DoesNotContain(production.Failures!, failure => failure.Contains(TestKeys.LookupKey, StringComparison.Ordinal));
        Assert.True(development.Succeeded, development.FailureMessage);
    }

    [Fact]
    public void Every_bad_caller_setting_is_named_without_printing_a_key()
    {
        var options = new CallerOptions
        {
            Callers =
            [
                new CallerCredential("bad id", ChannelRole.Wallet, TestKeys.Alipay.Key),
                new CallerCredential("alipay", (ChannelRole)7, "c2hvcnQta2V5"),
                TestKeys.Alipay,
            ],
        };

        var result = new CallerOptionsValidator(TestEnvironments.Production).Validate(null, options);
        var empty = new CallerOptionsValidator(TestEnvironments.Production).Validate(null, new CallerOptions());

        foreach (var setting in new[] { "Callers:0:Channel", "Callers:1:Role", "Callers:1:Key", "Callers:2:Channel 'alipay' is configured twice" })
        {
            Assert.Contains(result.Failures!, failure => failure.StartsWith(setting, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(result.Failures!, failure => failure.Contains(TestKeys.Alipay.Key, StringComparison.Ordinal) || failure.Contains("c2hvcnQta2V5", StringComparison.Ordinal));
        Assert.Contains(empty.Failures!, failure => failure.StartsWith("Callers is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Outside_development_the_sdk_requires_tls_and_refuses_a_local_development_key()
    {
        var options = new BaiTiaoSwitchClientOptions { Channel = "alipay", Key = LocalDevelopmentKey };

        var production = new BaiTiaoSwitchClientOptionsValidator(TestEnvironments.Production).Validate(null, options);
        var development = new BaiTiaoSwitchClientOptionsValidator(TestEnvironments.Development).Validate(null, options);
        var shortKey = new BaiTiaoSwitchClientOptionsValidator(TestEnvironments.Development).Validate(null, new BaiTiaoSwitchClientOptions { Channel = "alipay", Key = "c2hvcnQta2V5" });

        Assert.Contains(production.Failures!, failure => failure.StartsWith("Tls:Enabled must be true", StringComparison.Ordinal));
        Assert.Contains(production.Failures!, failure => failure.StartsWith("Key is a public local-development key", StringComparison.Ordinal));
        Assert.True(development.Succeeded, development.FailureMessage);
        Assert.Contains(shortKey.Failures!, failure => failure.StartsWith("Key of channel 'alipay'", StringComparison.Ordinal));
        Assert.DoesNotContain(shortKey.Failures!, failure => failure.Contains("c2hvcnQta2V5", StringComparison.Ordinal));
    }
}
