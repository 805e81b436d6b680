using Azure.Data.Tables;
using Azure.Storage.Blobs;
using BaiTiaoSwitch.Accounts;
using Azure.Storage.Queues;
using BaiTiaoSwitch.Cluster;
using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.Events;
using BaiTiaoSwitch.Bindings;
using BaiTiaoSwitch.Callers;
using BaiTiaoSwitch.Cards;
using BaiTiaoSwitch.Payments;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Risk;
using BaiTiaoSwitch.Risk.CrossAccount;
using BaiTiaoSwitch.Security;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers.Streams.AzureQueue;
using Orleans.Streams;
using Orleans.Serialization;
using Orleans.Storage;

namespace BaiTiaoSwitch.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds the switch's grains' services, business settings, key material, the channels that may call the cluster
    /// (each proven by its token: see <see cref="CallerVerificationFilter"/>), and the rules of identity-verified
    /// binding. Every bad setting is named at start. Register an <see cref="IOtpSender"/> (an SMS gateway) for
    /// binding to send its codes; until one is, binding answers that none is configured.
    /// </summary>
    public static ISiloBuilder AddBaiTiaoSwitch(
        this ISiloBuilder silo,
        Action<OptionsBuilder<SwitchOptions>> configureSwitch,
        Action<OptionsBuilder<DataProtectionOptions>> configureDataProtection,
        Action<OptionsBuilder<CallerOptions>> configureCallers,
        Action<OptionsBuilder<BindingOptions>>? configureBinding = null,
        Action<OptionsBuilder<RiskOptions>>? configureRisk = null)
    {
        var services = silo.Services;
        configureSwitch(services.AddOptions<SwitchOptions>().ValidateOnStart());
        configureDataProtection(services.AddOptions<DataProtectionOptions>().ValidateOnStart());
        configureCallers(services.AddOptions<CallerOptions>().ValidateOnStart());
        configureBinding?.Invoke(services.AddOptions<BindingOptions>());
        services.AddOptions<BindingOptions>().ValidateOnStart();
        configureRisk?.Invoke(services.AddOptions<RiskOptions>());
        services.AddOptions<RiskOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<RiskOptions>, RiskOptionsValidator>();
        services.AddOptions<Credit.CreditOptions>().ValidateOnStart();
        services.AddOptions<RequestKeys.RequestKeyOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestKeys.RequestKeyOptions>, RequestKeys.RequestKeyOptionsValidator>();
        services.AddSingleton<IValidateOptions<Credit.CreditOptions>, Credit.CreditOptionsValidator>();
        services.AddOptions<CreditScoreBandOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CreditScoreBandOptions>, CreditScoreBandOptionsValidator>();
        services.AddSingleton(provider => new CreditScoreBands(provider.GetRequiredService<IOptions<CreditScoreBandOptions>>().Value));
        services.AddSingleton<IValidateOptions<SwitchOptions>, SwitchOptionsValidator>();
        services.AddSingleton<IValidateOptions<DataProtectionOptions>, DataProtectionOptionsValidator>();
        services.AddSingleton<IValidateOptions<CallerOptions>, CallerOptionsValidator>();
        services.AddSingleton<IValidateOptions<BindingOptions>, BindingOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOtpSender, UnconfiguredOtpSender>();
        services.TryAddSingleton<ICardNumberSource, RandomCardNumbers>();
        services.AddSingleton<ICreditCutsDue, Credit.CreditCutsDue>();
        services.TryAddSingleton<ICreditCutsDue, NoCreditCutsDue>();
        services.AddSingleton<FieldProtector>();
        services.AddSingleton<IEventPublisher, StreamEventPublisher>();
        services.AddSingleton<IAlertActions, Alerts.AlertActions>();
        services.AddSingleton<GrantRouteCache>();

        // Risk rules: this silo's copy of the cluster's rule set, kept current by watching the rules grain.
        services.AddSingleton<RuleSetCache>();
        services.AddSingleton<RuleSetWatcher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<RuleSetWatcher>());

        services.AddSingleton<CallerTokenVerifier>();
        services.AddSingleton<InternalCallStamp>();
        silo.AddIncomingGrainCallFilter<CallerVerificationFilter>();

        // A trace crosses the hops of a payment (gateway → SDK → grain → grain): Orleans carries it in the call's context.
        silo.AddActivityPropagation();
        services.AddCachedGrainInterfaceTypes();
        silo.AddOutgoingGrainCallFilter<InternalCallStampFilter>();
        silo.AddCrossAccountVerdicts();
        return silo;
    }

    /// <summary>
    /// Keeps the commit log, snapshots, entities, key namespaces and reminders in one Azure Storage account; grain state
    /// through Orleans' providers.
    /// State is stored in Orleans' binary format: about 5× smaller and cheaper to write than JSON on the hot path.
    /// </summary>
    public static ISiloBuilder AddBaiTiaoSwitchAzureStorage(this ISiloBuilder silo, Action<OptionsBuilder<SwitchStorageOptions>> configure)
    {
        configure(silo.Services.AddOptions<SwitchStorageOptions>().ValidateOnStart());
        silo.Services.AddSingleton<IValidateOptions<SwitchStorageOptions>, SwitchStorageOptionsValidator>();
        // The journal is the commit log: every line's entries packed into shard transactions, straight on Azure Table
        // (Orleans' grain storage writes one entity per call and has no entity-group transactions).
        silo.Services.AddSingleton<IJournalTable, TableJournal>();
        silo.Services.AddSingleton<CommitLog.SharedCommitLog>();
        // Records (accounts' setup, cards, grants, indexes, HTTP answers) are one blob each. Orleans' table provider keys
        // a record by state name in the RowKey, which every grain of a type shares, and Azurite answers a point read by
        // that index first: each read scanned every record of its type (setup of 10,000 lines: 24 -> 64 lines/s).
        silo.AddAzureBlobGrainStorage(StorageNames.Entities, (OptionsBuilder<AzureBlobStorageOptions> blob) =>
            blob.Configure<IOptions<SwitchStorageOptions>, Serializer>((options, storage, serializer) =>
            {
                options.BlobServiceClient = new BlobServiceClient(storage.Value.ConnectionString);
                options.ContainerName = storage.Value.NamePrefix + "-entities";
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);

                // A record that is cleared (a binding record past its windows, an expired HTTP answer) is deleted, not
                // blanked: records of things that are over do not pile up.
                options.DeleteStateOnClear = true;
            }));
        // A line's setup records (card, grant, their index entries) go in shard transactions across grains instead:
        // point reads by a unique row key, which Azurite's index answers without a scan.
        silo.Services.AddSingleton<Records.IRecordRows, Records.TableRecordRows>();
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Records, (services, _) => ActivatorUtilities.CreateInstance<Records.SharedRecordStorage>(services));
        silo.AddAzureBlobGrainStorage(StorageNames.Snapshots, (OptionsBuilder<AzureBlobStorageOptions> blob) =>
            blob.Configure<IOptions<SwitchStorageOptions>, Serializer>((options, storage, serializer) =>
            {
                options.BlobServiceClient = new BlobServiceClient(storage.Value.ConnectionString);
                options.ContainerName = storage.Value.NamePrefix + "-snapshots";
                options.GrainStorageSerializer = new SnapshotSizeSerializer(serializer);
            }));
        silo.Services.AddSingleton<IRequestArchive, ClaimedRequestArchive>();
        silo.Services.AddSingleton<ShardedRequestKeyStore>();
        silo.Services.AddSingleton<IRequestKeyStore>(services => services.GetRequiredService<ShardedRequestKeyStore>());
        // Decisions and alerts go out on Orleans streams over Azure Queues (the outbox publishes them from the journal);
        // explicit subscriptions (a client following them) keep their state in Azure Table.
        silo.AddAzureQueueStreams(SwitchStreams.Provider, streams =>
        {
            streams.ConfigureAzureQueue(queues => queues.Configure<IOptions<SwitchStorageOptions>, IOptions<ClusterOptions>>((options, storage, cluster) =>
            {
                options.QueueServiceClient = new QueueServiceClient(storage.Value.ConnectionString);
                options.QueueNames = EventQueues.NamesFor(storage.Value.NamePrefix, cluster.Value.ServiceId);
            }));
            streams.ConfigurePullingAgent(agent => agent.Configure<IOptions<SwitchOptions>>((options, settings) => options.GetQueueMsgsTimerPeriod = settings.Value.EventPollPeriod));
            streams.Configure<SimpleQueueCacheOptions>(cache => cache.Configure<IOptions<SwitchOptions>>((options, settings) => options.CacheSize = settings.Value.EventCacheMessagesMax));

            // Idle queues are not read on every tick (see IdlePollingReceiver).
            streams.ConfigureComponent<IQueueAdapterFactory>((services, name) =>
            {
                var settings = services.GetRequiredService<IOptions<SwitchOptions>>().Value;
                return new IdlePollingQueues(AzureQueueAdapterFactory.Create(services, name), settings.EventPollPeriod, settings.EventPollIdleMax);
            });
        });
        silo.AddAzureTableGrainStorage("PubSubStore", (OptionsBuilder<AzureTableStorageOptions> table) =>
            table.Configure<IOptions<SwitchStorageOptions>, Serializer>((options, storage, serializer) =>
            {
                options.TableServiceClient = new TableServiceClient(storage.Value.ConnectionString);
                options.TableName = storage.Value.NamePrefix + "pubsub";
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                options.DeleteStateOnClear = true;
            }));
        // Reminders in shard transactions across grains (Orleans' Azure table writes each grain's in its own partition,
        // one request per registration).
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, Reminders.SharedReminderTable>();
        return silo;
    }
}
