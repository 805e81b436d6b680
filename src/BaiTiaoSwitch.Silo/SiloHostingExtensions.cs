using System.Net;
using Azure.Data.Tables;
using BaiTiaoSwitch.Hosting;
using BaiTiaoSwitch.HttpEdge.Hosting;
using BaiTiaoSwitch.Operations.Access;
using BaiTiaoSwitch.Operations.Telemetry;
using BaiTiaoSwitch.Silo.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace BaiTiaoSwitch.Silo;

public static class SiloHostingExtensions
{
    private const string Section = "BaiTiaoSwitch";

    /// <summary>The silo's own operators' surfaces, on <see cref="SiloHostOptions.HttpPort"/>.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>
    /// One silo of the switch: Azure Table clustering, state and reminders, TLS, the callers it accepts, and the HTTP
    /// edge's records, with settings from configuration. Keys come from configuration only: the shipped
    /// appsettings.json holds none, and local-development keys (appsettings.Development.json) are refused elsewhere.
    /// For operators: OpenTelemetry (section <c>Telemetry</c>), and on <see cref="SiloHostOptions.HttpPort"/> the Orleans
    /// Dashboard and Prometheus text, behind the operator credential (section <c>Operator</c>; open on loopback in
    /// Development only).
    /// </summary>
    public static WebApplicationBuilder AddBaiTiaoSwitchSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration.GetSection(Section);
        var hostOptions = configuration.GetSection("Silo").Get<SiloHostOptions>() ?? new SiloHostOptions();
        var failures = new SiloHostOptionsValidator().Validate(null, hostOptions);
        if (failures.Failed)
        {
            throw new OptionsValidationException(nameof(SiloHostOptions), typeof(SiloHostOptions), failures.Failures);
        }

        var isDevelopment = builder.Environment.IsDevelopment();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Development listens on this machine only, like the silo's own ports.
            kestrel.Listen(isDevelopment ? IPAddress.Loopback : IPAddress.Any, hostOptions.HttpPort);
        });
        builder.Services.AddOperatorAccess(access => access.OpenOnLoopback = isDevelopment);
        builder.AddBaiTiaoSwitchTelemetry("baitiao-switch-silo");
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
            silo.Services.AddOptions<Accounts.CreditScoreBandOptions>().Bind(configuration.GetSection("CreditScoreBands"));
            silo.Services.AddOptions<RequestKeys.RequestKeyOptions>().Bind(configuration.GetSection("RequestKeys"));
            silo.AddBaiTiaoSwitchHttpEdge(edge => edge.Bind(configuration.GetSection("HttpEdge")));

            // Live logs stay off: log lines may name accounts, and the dashboard is for the cluster's shape and load.
            silo.AddDashboard(dashboard => dashboard.HideTrace = true);
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

    /// <summary>The silo's HTTP surfaces, all behind the operators' door: the Orleans Dashboard and <c>/metrics</c>.</summary>
    public static WebApplication UseBaiTiaoSwitchSiloOperations(this WebApplication app)
    {
        app.UseOperatorAccess(DashboardPath, "/metrics");
        app.MapOrleansDashboard(DashboardPath);
        app.MapMetrics();
        return app;
    }
}
