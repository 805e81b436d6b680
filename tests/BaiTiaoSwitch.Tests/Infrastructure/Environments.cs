using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>Host environments for validators that refuse local-development settings outside Development.</summary>
public static class TestEnvironments
{
    public static IHostEnvironment Production => Named(Environments.Production);

    public static IHostEnvironment Development => Named(Environments.Development);

    private static HostingEnvironment Named(string name) => new() { EnvironmentName = name };
}
