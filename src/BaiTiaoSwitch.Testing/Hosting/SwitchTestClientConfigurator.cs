using Azure.Storage.Queues;
using BaiTiaoSwitch.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Testing.Hosting;

/// <summary>The test cluster's client: long deadlines on a loaded machine, its test hooks called as the issuer, and the switch's event streams on the cluster's storage.</summary>
public sealed class SwitchTestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        ArgumentNullException.ThrowIfNull(clientBuilder);
        var environment = SwitchTestEnvironment.For(configuration);
        clientBuilder.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(20));
        clientBuilder.Services.AddSingleton(environment);
        clientBuilder.AddOutgoingGrainCallFilter<TestHooksCallerFilter>();
        if (environment.Storage == SwitchTestStorage.Memory)
        {
            clientBuilder.AddMemoryStreams(SwitchStreams.Provider, streams => streams.ConfigurePartitioning(SwitchStreams.StreamCount));
        }
        else
        {
            clientBuilder.AddAzureQueueStreams(SwitchStreams.Provider, (OptionsBuilder<Orleans.Configuration.AzureQueueOptions> queues) => queues.Configure(options =>
            {
                options.QueueServiceClient = new QueueServiceClient(environment.AzuriteConnectionString);
                options.QueueNames = EventQueues.NamesFor(environment.NamePrefix, environment.ServiceId);
            }));
        }
    }
}
