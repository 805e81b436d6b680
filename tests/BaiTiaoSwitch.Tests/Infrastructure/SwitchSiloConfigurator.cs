using BaiTiaoSwitch.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>
/// A silo of the real switch on Azurite. Time is the shared <see cref="Clock"/>, so tests move it instead of sleeping.
/// </summary>
public sealed class SwitchSiloConfigurator : ISiloConfigurator
{
    /// <summary>One fake clock for every in-process silo of the test run.</summary>
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));

    public void Configure(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<TimeProvider>(Clock);

        // Orleans' own loops (messaging deadlines, membership probes, directory upkeep) stay on real time: moving the
        // switch's clock a week ahead must not make the silos declare each other dead.
        foreach (var area in new[] { TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership, TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory })
        {
            silo.Services.AddKeyedSingleton(area, TimeProvider.System);
        }

        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(20));
        silo.Configure<Orleans.Hosting.ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.AddBaiTiaoSwitchAzureStorage(storage => storage.Configure(options => options.ConnectionString = Azurite.ConnectionString));
        silo.AddBaiTiaoSwitch(
            options => options.Configure(switchOptions =>
            {
                switchOptions.HoldSweepPeriod = TimeSpan.FromSeconds(2);
                switchOptions.SnapshotJournalBytesMin = 8 * 1024;
            }),
            keys => keys.Configure(TestKeys.Apply),
            callers => callers.Configure(TestKeys.Apply));
    }
}

/// <summary>TestCluster's client: long deadlines on a shared 2-core machine, and test hooks called as the issuer.</summary>
public sealed class ClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client)
    {
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(20));
        client.AddOutgoingGrainCallFilter<TestHooksCallerFilter>();
    }
}
