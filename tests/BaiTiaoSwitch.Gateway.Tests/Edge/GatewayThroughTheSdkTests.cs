using Xunit;

namespace BaiTiaoSwitch.Gateway.Tests.Edge;

/// <summary>The edge goes through the SDK: the gateway holds no grain reference, and the core holds no HTTP concept.</summary>
public sealed class GatewayThroughTheSdkTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_gateway_calls_no_grain_directly()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "src", "BaiTiaoSwitch.Gateway"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        foreach (var path in sources)
        {
            var text = File.ReadAllText(path);
            foreach (var forbidden in new[] { "GetGrain<", "IGrainFactory", "IClusterClient" })
            {
                Assert.False(text.Contains(forbidden, StringComparison.Ordinal), $"{Path.GetRelativePath(Root, path)} uses {forbidden}");
            }
        }
    }

    [Fact]
    public void The_core_grains_hold_no_http_concept()
    {
        var types = typeof(BaiTiaoSwitch.Hosting.SiloBuilderExtensions).Assembly.GetTypes();

        Assert.DoesNotContain(types, type => type.Namespace?.Contains("Http", StringComparison.Ordinal) == true || type.Name.Contains("Http", StringComparison.Ordinal) || type.Name.Contains("Nonce", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(Root, "src", "BaiTiaoSwitch.Grains", "Http")));
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BaiTiaoSwitch.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No BaiTiaoSwitch.sln above the test binaries.");
    }
}
