using System.Net;
using Azure.Data.Tables;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.HttpEdge.Hosting;
using BaiTiaoSwitch.Silo.Tls;
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

    /// <summary>
    /// One silo of the switch: Azure Table clustering, state and reminders, TLS, the callers it accepts, and the HTTP
    /// edge's records, with settings from configuration. Keys come from configuration only: the shipped
    /// appsettings.json holds none, and local-development keys (appsettings.Development.json) are refused elsewhere.
    /// </summary>
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
            silo.AddBaiTiaoSwitchTls(tls => tls.Bind(configuration.GetSection("Tls")));
            silo.AddBaiTiaoSwitchAzureStorage(storage => storage.Bind(configuration.GetSection("Storage")));
            silo.AddBaiTiaoSwitch(
                options => options.Bind(configuration.GetSection("Switch")),
                keys => keys.Bind(configuration.GetSection("DataProtection")),
                callers => callers.Configure(options => configuration.GetSection("Callers").Bind(options.Callers)),
                binding => binding.Bind(configuration.GetSection("Binding")),
                risk => risk.Bind(configuration.GetSection("Risk")));
            silo.AddBaiTiaoSwitchHttpEdge(edge => edge.Bind(configuration.GetSection("HttpEdge")));
            if (configuration.GetValue<bool>("HttpEdge:Sandbox"))
            {
                silo.AddBaiTiaoSwitchSandboxOtpOutbox();
            }

            if (Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null)
            {
                // In a pod: silo name, address and ports come from the pod; dead pods' silos are removed quickly.
                silo.UseKubernetesHosting();
            }
        });
        return builder;
    }
}
