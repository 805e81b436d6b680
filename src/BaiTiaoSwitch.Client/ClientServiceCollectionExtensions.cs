using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;

namespace BaiTiaoSwitch.Client;

public static class ClientServiceCollectionExtensions
{
    /// <summary>
    /// Joins the cluster as an Orleans client and registers <see cref="BaiTiaoSwitchClient"/>.
    /// Every bad setting is reported by name at start.
    /// </summary>
    public static IServiceCollection AddBaiTiaoSwitchClient(this IServiceCollection services, Action<OptionsBuilder<BaiTiaoSwitchClientOptions>> configure)
    {
        var options = services.AddOptions<BaiTiaoSwitchClientOptions>();
        configure(options);
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<BaiTiaoSwitchClientOptions>, BaiTiaoSwitchClientOptionsValidator>();

        services.AddOrleansClient(client =>
        {
            client.UseAzureStorageClustering((OptionsBuilder<AzureStorageGatewayOptions> table) =>
                table.Configure<IOptions<BaiTiaoSwitchClientOptions>>((gateway, settings) =>
                {
                    gateway.TableServiceClient = new TableServiceClient(settings.Value.StorageConnectionString);
                    gateway.TableName = settings.Value.StorageNamePrefix + "cluster";
                }));
            client.Services.AddOptions<ClusterOptions>().Configure<IOptions<BaiTiaoSwitchClientOptions>>((cluster, settings) =>
            {
                cluster.ClusterId = settings.Value.ClusterId;
                cluster.ServiceId = settings.Value.ServiceId;
            });
            client.Services.AddOptions<ClientMessagingOptions>().Configure<IOptions<BaiTiaoSwitchClientOptions>>((messaging, settings) =>
                messaging.ResponseTimeout = settings.Value.ResponseTimeout);
        });
        services.AddSingleton<BaiTiaoSwitchClient>();
        return services;
    }
}
