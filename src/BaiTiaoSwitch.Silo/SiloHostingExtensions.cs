using System.Net;
using Azure.Data.Tables;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.Http;
using BaiTiaoSwitch.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;

namespace BaiTiaoSwitch.Silo;

public static class SiloHostingExtensions
{
    private const string Section = "BaiTiaoSwitch";

    /// <summary>One silo of the switch: Azure Table clustering, state and reminders, settings from configuration.</summary>
    public static HostApplicationBuilder AddBaiTiaoSwitchSilo(this HostApplicationBuilder builder)
    {
        var configuration = builder.Configuration.GetSection(Section);
        var hostOptions = configuration.GetSection("Silo").Get<SiloHostOptions>() ?? new SiloHostOptions();
        var failures = new SiloHostOptionsValidator().Validate(null, hostOptions);
        if (failures.Failed)
        {
            throw new OptionsValidationException(nameof(SiloHostOptions), typeof(SiloHostOptions), failures.Failures);
        }

        var isDevelopment = builder.Environment.IsDevelopment();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = hostOptions.ClusterId;
                cluster.ServiceId = hostOptions.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(hostOptions.AdvertisedIPAddress), hostOptions.SiloPort, hostOptions.GatewayPort, listenOnAnyHostAddress: !isDevelopment);
            silo.Configure<SiloMessagingOptions>(messaging =>
            {
                messaging.ResponseTimeout = hostOptions.ResponseTimeout;
                messaging.SystemResponseTimeout = hostOptions.ResponseTimeout;
            });
            silo.UseAzureStorageClustering((OptionsBuilder<AzureStorageClusteringOptions> table) =>
                table.Configure<IOptions<SwitchStorageOptions>>((options, storage) =>
                {
                    options.TableServiceClient = new TableServiceClient(storage.Value.ConnectionString);
                    options.TableName = storage.Value.NamePrefix + "cluster";
                }));
            silo.AddBaiTiaoSwitchAzureStorage(storage => storage.Bind(configuration.GetSection("Storage")));
            silo.AddBaiTiaoSwitch(
                options => options.Bind(configuration.GetSection("Switch")),
                keys => keys.Bind(configuration.GetSection("DataProtection")).Validate(
                    options => isDevelopment || !options.EncryptionKeys.Keys.Any(id => id.StartsWith("local-dev-", StringComparison.Ordinal)),
                    "DataProtection:EncryptionKeys holds a local-dev- key outside the Development environment; configure real keys from a secret store."));
            silo.AddBaiTiaoSwitchGateway(binding => binding.Bind(configuration.GetSection("Binding")));
            if (Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null)
            {
                // In a pod: silo name, address and ports come from the pod; dead pods' silos are removed quickly.
                silo.UseKubernetesHosting();
            }
        });
        return builder;
    }
}
