using BaiTiaoSwitch.CommitLog;
using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure.Faults;

/// <summary>
/// Puts <see cref="FaultyGrainStorage"/> around the switch's real storage providers (snapshots, entities),
/// <see cref="FaultyJournalTable"/> around the commit log,
/// <see cref="FaultyRequestKeyStore"/> around the channels' key namespace, and <see cref="FaultyReminderTable"/> around
/// the silo's reminder table.
/// Add it after the configurator that registers them. Faults stay off until a test starts them on
/// <see cref="StorageFaults.For"/> the cluster's service id.
/// </summary>
public sealed class StorageFaultsConfigurator : ISiloConfigurator
{
    /// <summary>The stores random faults go to: the commit log and the Orleans providers.</summary>
    public static readonly string[] Stores = [StorageNames.Journal, StorageNames.Snapshots, StorageNames.Entities, StorageNames.Records];

    private static readonly string[] GrainStorageProviders = [StorageNames.Snapshots, StorageNames.Entities, StorageNames.Records];

    public void Configure(ISiloBuilder silo)
    {
        foreach (var store in GrainStorageProviders)
        {
            var real = silo.Services.LastOrDefault(service => service.IsKeyedService && service.ServiceType == typeof(IGrainStorage) && Equals(service.ServiceKey, store))
                ?? throw new InvalidOperationException($"No storage provider '{store}' is registered yet; add {nameof(StorageFaultsConfigurator)} after the switch's storage.");
            var create = real.KeyedImplementationFactory ?? throw new InvalidOperationException($"Storage provider '{store}' is not registered by a factory.");
            silo.Services.Remove(real);
            silo.Services.AddKeyedSingleton<IGrainStorage>(store, (services, key) =>
                new FaultyGrainStorage((IGrainStorage)create(services, key), store, StorageFaults.For(services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId)));
        }

        silo.Services.AddSingleton<IJournalTable>(services => new FaultyJournalTable(
            ActivatorUtilities.CreateInstance<TableJournal>(services), StorageFaults.For(services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId)));
        FaultyReminderTable.Decorate(silo.Services, services => StorageFaults.For(services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        silo.Services.AddSingleton<IRequestKeyStore>(services => new FaultyRequestKeyStore(
            services.GetRequiredService<ShardedRequestKeyStore>(), StorageFaults.For(services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId)));
    }
}
