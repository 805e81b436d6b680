using BaiTiaoSwitch.RequestKeys;
using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure.Faults;

/// <summary>
/// Puts <see cref="FaultyGrainStorage"/> around the switch's real storage providers (journal, snapshots, entities),
/// and <see cref="FaultyRequestKeyStore"/> around the channels' key namespace.
/// Add it after the configurator that registers them. Faults stay off until a test starts them on
/// <see cref="StorageFaults.For"/> the cluster's service id.
/// </summary>
public sealed class StorageFaultsConfigurator : ISiloConfigurator
{
    public static readonly string[] Stores = [StorageNames.Journal, StorageNames.Snapshots, StorageNames.Entities];

    public void Configure(ISiloBuilder silo)
    {
        foreach (var store in Stores)
        {
            var real = silo.Services.LastOrDefault(service => service.IsKeyedService && service.ServiceType == typeof(IGrainStorage) && Equals(service.ServiceKey, store))
                ?? throw new InvalidOperationException($"No storage provider '{store}' is registered yet; add {nameof(StorageFaultsConfigurator)} after the switch's storage.");
            var create = real.KeyedImplementationFactory ?? throw new InvalidOperationException($"Storage provider '{store}' is not registered by a factory.");
            silo.Services.Remove(real);
            silo.Services.AddKeyedSingleton<IGrainStorage>(store, (services, key) =>
                new FaultyGrainStorage((IGrainStorage)create(services, key), store, StorageFaults.For(services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId)));
        }

        silo.Services.AddSingleton<IRequestKeyStore>(services => new FaultyRequestKeyStore(
            services.GetRequiredService<TableRequestKeyStore>(), StorageFaults.For(services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId)));
    }
}
