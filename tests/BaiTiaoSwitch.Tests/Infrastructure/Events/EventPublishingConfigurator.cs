using BaiTiaoSwitch.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure.Events;

/// <summary>Puts <see cref="SteeredEventPublisher"/> around the switch's publisher. Add it after the switch's configurator.</summary>
public sealed class EventPublishingConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo) =>
        silo.Services.AddSingleton<IEventPublisher>(services => new SteeredEventPublisher(
            ActivatorUtilities.CreateInstance<StreamEventPublisher>(services),
            EventPublishing.For(services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId),
            services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString()));
}

/// <summary>The test cluster's client follows the switch's event streams (Azure Queues on Azurite, the silos' queues).</summary>
public sealed class EventStreamsClient : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
        client.AddAzureQueueStreams(SwitchStreams.Provider, (OptionsBuilder<AzureQueueOptions> queues) =>
            queues.Configure<IOptions<ClusterOptions>>((options, cluster) =>
            {
                options.QueueServiceClient = new Azure.Storage.Queues.QueueServiceClient(Azurite.ConnectionString);
                options.QueueNames = EventQueues.NamesFor(new BaiTiaoSwitch.Hosting.SwitchStorageOptions().NamePrefix, cluster.Value.ServiceId);
            }));
}
