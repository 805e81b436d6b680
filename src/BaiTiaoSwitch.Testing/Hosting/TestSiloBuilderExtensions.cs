using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.HttpEdge.Hosting;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Risk.Backtests;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Runtime;

namespace BaiTiaoSwitch.Testing.Hosting;

public static class TestSiloBuilderExtensions
{
    /// <summary>
    /// The real switch in a test silo: its grains and rules as in production, on <paramref name="environment"/>'s storage
    /// (memory or Azurite), its keys, its channels, sandbox binding (one-time codes go to the outbox the issuer reads), and
    /// its test clock. The clock drives the switch only: Orleans' own timers, membership and messaging stay on real time,
    /// so moving the switch a week ahead does not make silos declare each other dead.
    /// </summary>
    public static ISiloBuilder AddBaiTiaoSwitchForTests(this ISiloBuilder silo, SwitchTestEnvironment environment, Action<SwitchOptions>? configureSwitch = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(environment);
        silo.Services.AddSingleton(environment);
        silo.Services.AddSingleton<TimeProvider>(environment.Clock);
        // Orleans' own clocks stay real, the reminder service's included: on the test clock its start-up and refresh
        // timers wait until a test moves the clock, and a call that registers a reminder meanwhile hangs.
        foreach (var area in new[]
        {
            TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership, TimeProviderNames.ActivationManagement,
            TimeProviderNames.GrainDirectory, TimeProviderNames.Grains, Orleans.Streams.StreamingTimeProviderNames.Streaming, Orleans.Reminders.ReminderTimeProviderNames.Reminders,
        })
        {
            silo.Services.AddKeyedSingleton(area, TimeProvider.System);
        }

        // Short enough that a test sees a reminder-driven sweep after advancing the clock a little.
        silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        if (environment.Storage == SwitchTestStorage.Memory)
        {
            silo.AddBaiTiaoSwitchMemoryStorage(environment);
        }
        else
        {
            silo.AddBaiTiaoSwitchAzureStorage(storage => storage.Configure(options =>
            {
                options.ConnectionString = environment.AzuriteConnectionString;
                options.NamePrefix = environment.NamePrefix;
            }));
        }

        silo.AddBaiTiaoSwitch(
            options => options.Configure(switchOptions => configureSwitch?.Invoke(switchOptions)),
            keys => keys.Configure(environment.Credentials.Apply),
            callers => callers.Configure(environment.Credentials.Apply));
        silo.AddBaiTiaoSwitchHttpEdge();
        silo.AddBaiTiaoSwitchSandboxOtpOutbox();
        if (environment.Storage == SwitchTestStorage.Memory)
        {
            // AddBaiTiaoSwitch adds the Azure Table decision history unless one is registered: this one replaces it.
            silo.Services.RemoveAll<IDecisionHistory>();
            silo.Services.AddSingleton<IDecisionHistory>(environment.DecisionHistory);
        }

        return silo;
    }

    /// <summary>
    /// The switch's stores in memory, through the seams the Azure providers plug into: the commit log's table, the
    /// request keys, the decision history (shared by the cluster's silos through <paramref name="environment"/>), and
    /// Orleans' memory grain storage (ETag-checked, kept in storage grains every silo reaches), reminders and streams.
    /// </summary>
    public static ISiloBuilder AddBaiTiaoSwitchMemoryStorage(this ISiloBuilder silo, SwitchTestEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(environment);
        silo.Services.AddSingleton<IJournalTable>(environment.Journal);
        silo.Services.AddSingleton<SharedCommitLog>();
        silo.AddMemoryGrainStorage(StorageNames.Entities);
        silo.AddMemoryGrainStorage(StorageNames.Records);
        silo.AddMemoryGrainStorage(StorageNames.Snapshots);
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.Services.AddSingleton<IRequestArchive, ClaimedRequestArchive>();
        silo.Services.AddSingleton<IRequestKeyStore>(environment.RequestKeys);
        silo.AddMemoryStreams(SwitchStreams.Provider, streams => streams.ConfigurePartitioning(SwitchStreams.StreamCount));
        silo.UseInMemoryReminderService();
        return silo;
    }
}
