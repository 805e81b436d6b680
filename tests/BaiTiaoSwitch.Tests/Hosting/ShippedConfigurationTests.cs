using System.Text.Json;
using System.Text.RegularExpressions;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace BaiTiaoSwitch.Tests.Hosting;

/// <summary>What ships: no key outside the Development settings, and those refused anywhere but Development.</summary>
public sealed partial class ShippedConfigurationTests
{
    private static readonly string SiloDirectory = Repository.PathOf("src", "BaiTiaoSwitch.Silo");

    [Fact]
    public void The_silo_settings_for_every_environment_but_development_hold_no_key()
    {
        var text = Repository.Read("src", "BaiTiaoSwitch.Silo", "appsettings.json");
        var settings = JsonDocument.Parse(text).RootElement.GetProperty("BaiTiaoSwitch");

        Assert.False(settings.TryGetProperty("DataProtection", out _));
        Assert.False(settings.TryGetProperty("Callers", out _));
        Assert.False(settings.TryGetProperty("Tls", out _));
        Assert.Empty(Base64Keys().Matches(text));
    }

    [Fact]
    public void The_development_settings_bind_and_pass_in_development_and_are_refused_anywhere_else()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(SiloDirectory, "appsettings.json"))
            .AddJsonFile(Path.Combine(SiloDirectory, "appsettings.Development.json"))
            .Build()
            .GetSection("BaiTiaoSwitch");
        var keys = configuration.GetSection("DataProtection").Get<DataProtectionOptions>()!;
        var callers = new CallerOptions();
        configuration.GetSection("Callers").Bind(callers.Callers);

        Assert.Equal(["alipay", "wechatpay", "issuer"], callers.Callers.Select(caller => caller.Channel));
        Assert.Equal(ChannelRole.Issuer, callers.Callers.Single(caller => caller.Channel == "issuer").Role);
        Assert.All(callers.Callers, caller => Assert.True(KeyMaterial.IsLocalDevelopment(caller.Key)));
        Assert.True(new CallerOptionsValidator(TestEnvironments.Development).Validate(null, callers).Succeeded);
        Assert.True(new DataProtectionOptionsValidator(TestEnvironments.Development).Validate(null, keys).Succeeded);
        Assert.Equal(3, new CallerOptionsValidator(TestEnvironments.Production).Validate(null, callers).Failures!.Count());
        Assert.True(new DataProtectionOptionsValidator(TestEnvironments.Production).Validate(null, keys).Failed);
        Assert.Contains("LOCAL DEVELOPMENT ONLY", File.ReadAllText(Path.Combine(SiloDirectory, "appsettings.Development.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_development_channel_carries_the_cluster_key_the_development_silo_knows_it_by()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(SiloDirectory, "appsettings.Development.json")).Build();
        var silo = new List<CallerCredential>();
        configuration.GetSection("BaiTiaoSwitch:Callers").Bind(silo);
        var channels = JsonDocument.Parse(Repository.Read("deploy", "local", "channels.json")).RootElement.GetProperty("channels").EnumerateArray()
            .ToDictionary(channel => channel.GetProperty("id").GetString()!, channel => channel.GetProperty("clusterKey").GetString());

        Assert.All(silo, caller => Assert.Equal(caller.Key, channels[caller.Channel]));
        Assert.Equal(silo.Count, channels.Count);
    }

    [Fact]
    public void The_kubernetes_silo_takes_its_keys_and_certificate_from_secrets_and_holds_no_development_key()
    {
        var silo = Repository.Read("deploy", "k8s", "silo.yaml");
        var gateway = Repository.Read("deploy", "k8s", "gateway.yaml");

        Assert.DoesNotContain("local-dev", silo, StringComparison.Ordinal);
        Assert.DoesNotContain("Development", silo, StringComparison.Ordinal);
        foreach (var setting in new[] { "BaiTiaoSwitch__DataProtection__LookupKey", "BaiTiaoSwitch__Callers__0__Key", "BaiTiaoSwitch__Callers__2__Key", "BaiTiaoSwitch__Tls__CertificatePassword" })
        {
            Assert.Matches($@"name: {setting}\s+valueFrom: {{ secretKeyRef:", silo);
        }

        Assert.Contains("BaiTiaoSwitch__Tls__CertificatePath", silo, StringComparison.Ordinal);
        Assert.Contains("secretName: baitiao-cluster-tls", silo, StringComparison.Ordinal);
        foreach (var setting in new[] { "Gateway__Channels__0__ClusterKey", "Gateway__Channels__2__ClusterKey", "Cluster__Tls__CertificatePassword" })
        {
            Assert.Matches($@"name: {setting}\s+valueFrom: {{ secretKeyRef:", gateway);
        }

        Assert.Contains("secretName: baitiao-cluster-tls", gateway, StringComparison.Ordinal);
    }

    // Base64 of 32 or more bytes: 43 characters and up.
    [GeneratedRegex(@"[A-Za-z0-9+/]{43,}={0,2}")]
    private static partial Regex Base64Keys();
}
