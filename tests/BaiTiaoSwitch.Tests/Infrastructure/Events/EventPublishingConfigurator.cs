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
