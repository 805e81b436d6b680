using BaiTiaoSwitch.Accounts;
using BaiTiaoSwitch.Client;
using BaiTiaoSwitch.Cluster;
using BaiTiaoSwitch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Serialization.TypeSystem;
using Xunit;

namespace BaiTiaoSwitch.Tests.Hosting;

/// <summary>
/// The silo and the client name grain interfaces from a cache (<see cref="CachedGrainInterfaceTypes"/>), asked before
/// Orleans' own providers, and every name it gives is the one Orleans gives without it: a grain reference made through
/// it reaches the same grain.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainInterfaceNamingTests(ClusterFixture fixture)
{
    [Fact]
    public void Every_grain_interface_of_the_switch_is_named_as_Orleans_names_it_and_the_cache_is_asked_first()
    {
        // A silo of the cluster, and a client set up as a gateway sets one up (built, not connected).
        using var client = new ServiceCollection()
            .AddBaiTiaoSwitchClient(options => options.Configure(client => (client.Channel, client.Key) = ("alipay", "not-used")))
            .BuildServiceProvider();
        foreach (var services in new[] { SiloSide.Services(fixture.Cluster), client })
        {
            var providers = services.GetServices<IGrainInterfaceTypeProvider>().ToList();
            Assert.IsType<CachedGrainInterfaceTypes>(providers[0]);
            var cached = services.GetRequiredService<GrainInterfaceTypeResolver>();
            var orleans = new GrainInterfaceTypeResolver(providers.Skip(1), services.GetRequiredService<TypeConverter>());

            var interfaces = new[] { typeof(ICreditAccountGrain).Assembly, typeof(CreditAccountGrain).Assembly }
                .SelectMany(assembly => assembly.GetTypes())
                .Where(type => type.IsInterface && typeof(IGrain).IsAssignableFrom(type) && !type.IsGenericTypeDefinition)
                .ToList();
            Assert.True(interfaces.Count > 20, $"only {interfaces.Count} grain interfaces found");
            foreach (var type in interfaces)
            {
                // Twice: the second answer comes from the cache.
                Assert.Equal(orleans.GetGrainInterfaceType(type), cached.GetGrainInterfaceType(type));
                Assert.Equal(orleans.GetGrainInterfaceType(type), cached.GetGrainInterfaceType(type));
            }
        }
    }

    [Fact]
    public async Task A_reference_made_through_the_cache_reaches_the_grain()
    {
        var scenario = await Scenario.Create(fixture.Cluster.GrainFactory, 10_000, "alipay");

        // The SDK looks the account up through the client's cache, the account its key shard through the silo's.
        var view = await scenario.Issuer.GetAccountAsync(scenario.AccountId);
        await scenario.Pay("alipay", 100);

        Assert.Equal(scenario.AccountId, view.AccountId);
        Assert.Equal(100, (await scenario.Issuer.GetAccountAsync(scenario.AccountId)).Pending.Amount);
    }
}
