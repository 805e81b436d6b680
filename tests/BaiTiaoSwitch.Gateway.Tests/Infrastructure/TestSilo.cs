using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Testing;
using BaiTiaoSwitch.Testing.Hosting;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>
/// A silo of the real switch plus the HTTP edge's grains, on Azurite, built by the testing kit
/// (<see cref="SwitchTestSiloConfigurator"/>: the switch's wiring, storage, keys, sandbox OTP outbox and the test clock,
/// with Orleans' own clocks on real time). On top, what only the gateway tests need: membership in Azure Table (not the
/// test membership) and TLS with the run's own cluster certificate on every connection, so the gateway joins exactly
/// as it does in production; the captured logs the end-of-run scan reads; and the shared <see cref="TestClock"/>.
/// </summary>
public sealed class GatewaySiloConfigurator : ISiloConfigurator
{
    public const int MinimumCreditScore = 600;

    /// <summary>
    /// The fee of a 3-period plan in these tests: 3% a period, an APR of about 53%, above the default 24% cap, so that
    /// <c>422 apr_above_cap</c> is reachable over HTTP; 6, 12 and 24 periods keep the default 0.5%.
    /// </summary>
    public static readonly BaiTiaoSwitch.Credit.Rate ThreePeriodFeeRate = BaiTiaoSwitch.Credit.Rate.Percent(3m);

    /// <summary>The table the silo host uses by default ("{Storage:NamePrefix}cluster"), which the gateway reads.</summary>
    public const string MembershipTable = "btscluster";

    public void Configure(ISiloBuilder silo)
    {
        EnvironmentOf(SwitchTestEnvironment.ServiceIdOf(silo.Configuration));
        new SwitchTestSiloConfigurator().Configure(silo);
        silo.Services.AddSingleton<ILoggerProvider>(CapturedLogs.Instance);
        silo.Services.AddLogging(logging => logging.AddFilter("BaiTiaoSwitch", LogLevel.Debug));
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(15));
        silo.UseTlsMembership(MembershipTable);
    }

    /// <summary>
    /// The kit's environment of the cluster: the run's <see cref="TestSecrets.Cluster"/> keys, the shared
    /// <see cref="TestClock"/>, and the production name prefix ("bts"), whose tables the gateway (a separate host) reads.
    /// </summary>
    public static SwitchTestEnvironment EnvironmentOf(string serviceId) =>
        SwitchTestEnvironment.GetOrRegister(serviceId, id => new SwitchTestEnvironment(id, SwitchTestStorage.Azurite, TestSecrets.Cluster, TestClock.Instance)
        {
            NamePrefix = new BaiTiaoSwitch.Hosting.SwitchStorageOptions().NamePrefix,
            ConfigureSwitch = GatewaySettings,
        });

    private static void GatewaySettings(SwitchOptions switchOptions)
    {
        switchOptions.MinimumCreditScore = MinimumCreditScore;
        switchOptions.CreditTerms = BaiTiaoSwitch.Credit.CreditTerms.Default with
        {
            Installments = [.. BaiTiaoSwitch.Credit.CreditTerms.Default.Installments.Select(option => option.Periods == 3 ? option with { FeeRatePerPeriod = ThreePeriodFeeRate } : option)],
        };
    }
}

/// <summary>The test cluster's client: the kit's (test hooks called as the issuer, event streams), joining through Azure Table membership over TLS.</summary>
public sealed class GatewayClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder client)
    {
        new SwitchTestClientConfigurator().Configure(configuration, client);
        client.UseTlsMembership(GatewaySiloConfigurator.MembershipTable);
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(15));
    }
}
