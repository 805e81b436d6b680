using Azure.Data.Tables;
using Azure.Storage.Queues;
using BaiTiaoSwitch.Cluster;
using BaiTiaoSwitch.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;

namespace BaiTiaoSwitch.Client;

public static class ClientServiceCollectionExtensions
{
    /// <summary>
    /// Joins the cluster as an Orleans client (over TLS when <see cref="BaiTiaoSwitchClientOptions.Tls"/> says so) and
    /// registers <see cref="BaiTiaoSwitchClient"/>. Every bad setting is reported by name at start.
    /// </summary>
    public static IServiceCollection AddBaiTiaoSwitchClient(this IServiceCollection services, Action<OptionsBuilder<BaiTiaoSwitchClientOptions>> configure)
    {
        var options = services.AddOptions<BaiTiaoSwitchClientOptions>();
        configure(options);
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<BaiTiaoSwitchClientOptions>>(provider => new BaiTiaoSwitchClientOptionsValidator(provider.GetService<IHostEnvironment>()));

        services.AddOrleansClient(client =>
        {
            // A trace started by the caller (an HTTP request at the gateway) follows its calls into the cluster.
            client.AddActivityPropagation();
            client.Services.AddCachedGrainInterfaceTypes();
            client.UseAzureStorageClustering((OptionsBuilder<AzureStorageGatewayOptions> table) =>
                table.Configure<IOptions<BaiTiaoSwitchClientOptions>>((gateway, settings) =>
                {
                    gateway.TableServiceClient = new TableServiceClient(settings.Value.StorageConnectionString);
                    gateway.TableName = settings.Value.StorageNamePrefix + "cluster";
                }));
            // The switch's event streams (read only: a client never pulls the queues; the silos deliver to its subscriptions).
            client.AddAzureQueueStreams(SwitchStreams.Provider, (OptionsBuilder<AzureQueueOptions> queues) =>
                queues.Configure<IOptions<BaiTiaoSwitchClientOptions>>((queue, settings) =>
                {
                    queue.QueueServiceClient = new QueueServiceClient(settings.Value.StorageConnectionString);
                    queue.QueueNames = EventQueues.NamesFor(settings.Value.StorageNamePrefix, settings.Value.ServiceId);
                }));
            client.Services.AddOptions<ClusterOptions>().Configure<IOptions<BaiTiaoSwitchClientOptions>>((cluster, settings) =>
            {
                cluster.ClusterId = settings.Value.ClusterId;
                cluster.ServiceId = settings.Value.ServiceId;
            });
            client.Services.AddOptions<ClientMessagingOptions>().Configure<IOptions<BaiTiaoSwitchClientOptions>>((messaging, settings) =>
                messaging.ResponseTimeout = settings.Value.ResponseTimeout);
            client.Services.AddOptions<ClientConnectionOptions>().Configure<IOptions<BaiTiaoSwitchClientOptions>>((connection, settings) =>
            {
                if (settings.Value.Tls.Enabled)
                {
                    var tls = ClusterTls.ClientOptions(settings.Value.Tls);
                    connection.ConfigureConnection(builder => builder.UseClientTls(tls));
                }
            });
        });
        services.AddSingleton<BaiTiaoSwitchClient>();
        return services;
    }
}
