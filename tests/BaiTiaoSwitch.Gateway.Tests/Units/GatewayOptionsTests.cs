using BaiTiaoSwitch.Gateway.Channels;
using BaiTiaoSwitch.Gateway.Hosting;
using BaiTiaoSwitch.Gateway.Problems;
using Microsoft.Extensions.Options;
using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Units;

public sealed class GatewayOptionsTests
{
    private static readonly string DevelopmentFile = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, FindRepoRoot(), "deploy", "local", "channels.json"));

    private static string FindRepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BaiTiaoSwitch.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? "/work/main";
    }

    private static ValidateOptionsResult Validate(GatewayOptions options)
    {
        new GatewayOptionsSetup().PostConfigure(null, options);
        return new GatewayOptionsValidator().Validate(null, options);
    }

    [Fact]
    public void The_development_channels_file_says_it_is_for_local_development_and_has_the_three_channels()
    {
        var file = ChannelFile.Load(DevelopmentFile);
        Assert.True(file.LocalDevelopmentOnly);
        Assert.Equal(["alipay", "issuer", "wechatpay"], file.Channels.Select(channel => channel.Id).Order().ToArray());
        Assert.Equal(ChannelRole.Issuer, file.Channels.Single(channel => channel.Id == "issuer").Role);
        Assert.All(file.Channels, channel => Assert.StartsWith(GatewayOptionsValidator.DevelopmentSecretPrefix, channel.Secret, StringComparison.Ordinal));
        Assert.All(file.Channels, channel => Assert.True(KeyMaterial.IsLocalDevelopment(channel.ClusterKey) && KeyMaterial.IsStrong(channel.ClusterKey), channel.Id));
        Assert.Contains("LOCAL DEVELOPMENT ONLY", File.ReadAllText(DevelopmentFile), StringComparison.Ordinal);
    }

    [Fact]
    public void Sandbox_mode_accepts_the_development_file()
    {
        var result = Validate(new GatewayOptions { Mode = GatewayMode.Sandbox, ChannelsFile = DevelopmentFile });
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Production_mode_refuses_the_development_file_and_its_secrets()
    {
        var result = Validate(new GatewayOptions { Mode = GatewayMode.Production, ChannelsFile = DevelopmentFile });
        Assert.True(result.Failed);
        Assert.Contains("only sandbox mode accepts it", result.FailureMessage, StringComparison.Ordinal);

        var copied = Validate(new GatewayOptions { Mode = GatewayMode.Production, Channels = [.. ChannelFile.Load(DevelopmentFile).Channels] });
        Assert.True(copied.Failed);
        Assert.Contains("production mode refuses it", copied.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("local-dev-only-alipay-", copied.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_named()
    {
        var result = Validate(new GatewayOptions
        {
            Channels = [new ChannelOptions { Id = "bad id", Secret = "short" }, new ChannelOptions { Id = "dup", Secret = new string('s', 40) }, new ChannelOptions { Id = "dup", Secret = new string('s', 40) }],
            BodySizeMaxBytes = 10,
        });
        Assert.True(result.Failed);
        foreach (var name in new[] { "Gateway:Channels:0:Id", "Gateway:Channels:0:Secret", "configured twice", "BodySizeMaxBytes" })
        {
            Assert.Contains(name, result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(new string('s', 40), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_channel_needs_its_cluster_key_and_production_mode_refuses_a_development_one()
    {
        var development = ChannelFile.Load(DevelopmentFile).Channels.Single(channel => channel.Id == "alipay");
        var result = Validate(new GatewayOptions
        {
            Channels =
            [
                new ChannelOptions { Id = "wechatpay", Secret = new string('s', 40) },
                new ChannelOptions { Id = "alipay", Secret = new string('t', 40), ClusterKey = development.ClusterKey },
            ],
        });

        Assert.Contains("Gateway:Channels:0:ClusterKey of channel 'wechatpay' must be base64", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Gateway:Channels:1:ClusterKey of channel 'alipay' is a local-development key; production mode refuses it", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(development.ClusterKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_code_of_the_switch_has_a_status_in_the_catalog()
    {
        var codes = typeof(ErrorCodes).GetFields().Select(field => (string)field.GetValue(null)!).ToList();
        Assert.All(codes, code => Assert.True(ErrorCatalog.Codes.ContainsKey(code), code));
    }
}
