using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Bindings;
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

    /// <summary>Failed verifications that lock binding on a card in these silos: above the ten codes a card may have checked in an hour.</summary>
    public const int BindingLockAt = 12;

    public void Configure(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<TimeProvider>(Clock);

        // Orleans' own loops (messaging deadlines, membership probes, directory upkeep, grain and system-target timers such
        // as the stream agents' queue polling, the reminder service)
        // stay on real time: moving the switch's clock a week ahead must not make the silos declare each other dead, and
        // events must flow while the switch's clock stands still.
        foreach (var area in new[] { TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership, TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory, TimeProviderNames.Grains, Orleans.Streams.StreamingTimeProviderNames.Streaming, Orleans.Reminders.ReminderTimeProviderNames.Reminders })
        {
            silo.Services.AddKeyedSingleton(area, TimeProvider.System);
        }

        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(20));
        silo.Configure<Orleans.Hosting.ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.AddBaiTiaoSwitchAzureStorage(storage => storage.Configure(options => options.ConnectionString = Azurite.ConnectionString));
        silo.Services.AddSingleton<IOtpSender, RecordedOtps>();

        // Sandbox mode, as the local run has it: accounts' clocks may be advanced (a test that needs production mode removes it).
        silo.AddBaiTiaoSwitchSandboxMode();
        silo.AddBaiTiaoSwitch(
            options => options.Configure(switchOptions =>
            {
                switchOptions.HoldSweepPeriod = TimeSpan.FromSeconds(2);
                switchOptions.SnapshotJournalBytesMin = 8 * 1024;

                // Small bounds, so tests reach them in a few steps.
                switchOptions.LifecycleAnswersMax = 4;
                switchOptions.CardGrantsMax = 6;
                switchOptions.CardEndedGrantsMax = 3;
                switchOptions.AlertsKeptPerStream = 5;
                switchOptions.EventReplayMax = 5;
            }),
            keys => keys.Configure(TestKeys.Apply),
            callers => callers.Configure(TestKeys.Apply),

            // The lock above the code budget, so that each can be seen on its own (the gateway tests keep the defaults).
            binding => binding.Configure(bindingOptions => bindingOptions.FailuresBeforeLockMax = BindingLockAt));
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
