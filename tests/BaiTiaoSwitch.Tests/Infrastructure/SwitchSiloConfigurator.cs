using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Testing;
using BaiTiaoSwitch.Testing.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>
/// A silo of the real switch on Azurite, built by the testing kit (<see cref="SwitchTestSiloConfigurator"/>: the
/// switch's wiring, storage, keys, sandbox mode and the test clock, with Orleans' own clocks on real time). On top, what
/// only the switch's own tests need: one <see cref="Clock"/> for every cluster of the run, the run's <see cref="TestKeys"/>,
/// small bounds, a binding lock above the code budget and the <see cref="RecordedOtps"/> SMS gateway.
/// </summary>
public sealed class SwitchSiloConfigurator : ISiloConfigurator
{
    /// <summary>One fake clock for every in-process silo of the test run.</summary>
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));

    /// <summary>Failed verifications that lock binding on a card in these silos: above the ten codes a card may have checked in an hour.</summary>
    public const int BindingLockAt = 12;

    public void Configure(ISiloBuilder silo)
    {
        EnvironmentOf(silo.Configuration);
        new SwitchTestSiloConfigurator().Configure(silo);

        // The lock above the code budget, so that each can be seen on its own (the gateway tests keep the defaults).
        silo.Services.Configure<BindingOptions>(binding => binding.FailuresBeforeLockMax = BindingLockAt);

        // Registered after the kit's sandbox outbox, so it is the sender binding resolves.
        silo.Services.AddSingleton<IOtpSender, RecordedOtps>();
    }

    /// <summary>
    /// The kit's environment of the cluster <paramref name="configuration"/> belongs to, registered on first use and
    /// kept for the run: a restart test that reuses a service id finds the same one. Every cluster shares the run's
    /// clock and keys, and the production name prefix ("bts"): clusters are told apart by service id, as in production.
    /// </summary>
    public static SwitchTestEnvironment EnvironmentOf(IConfiguration configuration) => EnvironmentOf(SwitchTestEnvironment.ServiceIdOf(configuration));

    public static SwitchTestEnvironment EnvironmentOf(string serviceId) =>
        SwitchTestEnvironment.GetOrRegister(serviceId, id => new SwitchTestEnvironment(id, SwitchTestStorage.Azurite, TestKeys.Credentials, Clock)
        {
            NamePrefix = new BaiTiaoSwitch.Hosting.SwitchStorageOptions().NamePrefix,
            ConfigureSwitch = SmallBounds,
        });

    private static void SmallBounds(SwitchOptions switchOptions)
    {
        switchOptions.HoldSweepPeriod = TimeSpan.FromSeconds(2);
        switchOptions.SnapshotJournalBytesMin = 8 * 1024;

        // Small bounds, so tests reach them in a few steps.
        switchOptions.LifecycleAnswersMax = 4;
        switchOptions.CardGrantsMax = 6;
        switchOptions.CardEndedGrantsMax = 3;
        switchOptions.AlertsKeptPerStream = 5;
        switchOptions.EventReplayMax = 5;
    }
}
