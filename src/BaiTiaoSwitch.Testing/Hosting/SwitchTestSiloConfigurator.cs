using BaiTiaoSwitch.Accounts;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Testing.Hosting;

/// <summary>
/// TestingHost builds configurators by type: this one finds its cluster's <see cref="SwitchTestEnvironment"/> by the
/// silo's service id and adds the switch for tests with it. Add it to your own <c>TestClusterBuilder</c> after
/// registering an environment, or let <see cref="SwitchTestCluster"/> do both.
/// </summary>
public sealed class SwitchTestSiloConfigurator : ISiloConfigurator
{
    /// <summary>Switch settings per service id, for clusters that change them (<c>SwitchTestClusterOptions.ConfigureSwitch</c>).</summary>
    internal static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Action<SwitchOptions>> SwitchSettings = new(StringComparer.Ordinal);

    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        var serviceId = ServiceIdOf(siloBuilder.Configuration);
        siloBuilder.Configure<Orleans.Configuration.SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(20));
        siloBuilder.AddBaiTiaoSwitchForTests(SwitchTestEnvironment.For(serviceId), SwitchSettings.GetValueOrDefault(serviceId));
    }

    internal static string ServiceIdOf(IConfiguration configuration) =>
        configuration["Orleans:ServiceId"] ?? configuration[nameof(TestClusterOptions.ServiceId)]
        ?? throw new InvalidOperationException("The silo's configuration names no service id.");
}
