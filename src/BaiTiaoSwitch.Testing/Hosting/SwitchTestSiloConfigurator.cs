using Orleans.TestingHost;

namespace BaiTiaoSwitch.Testing.Hosting;

/// <summary>
/// TestingHost builds configurators by type: this one finds its cluster's <see cref="SwitchTestEnvironment"/> by the
/// silo's service id and adds the switch for tests with it. Add it to your own <c>TestClusterBuilder</c> after
/// registering an environment, or let <see cref="SwitchTestCluster"/> do both.
/// </summary>
public sealed class SwitchTestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        var environment = SwitchTestEnvironment.For(siloBuilder.Configuration);
        siloBuilder.Configure<Orleans.Configuration.SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(20));
        siloBuilder.AddBaiTiaoSwitchForTests(environment, environment.ConfigureSwitch);
    }
}
