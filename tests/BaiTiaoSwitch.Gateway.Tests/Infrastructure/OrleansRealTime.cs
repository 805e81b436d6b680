using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace BaiTiaoSwitch.Gateway.Tests.Infrastructure;

/// <summary>
/// The fake clock drives the switch's own rules (OTP expiry, lockout windows, nonce memory, timestamp window), but
/// Orleans' own loops (message timeouts, membership probes, directory and activation upkeep, stream pulling) must stay on real time:
/// moving the fake clock an hour ahead would otherwise make the silos suspect each other and stall every call.
/// </summary>
public static class OrleansRealTime
{
    private static readonly string[] Areas =
    [
        TimeProviderNames.Messaging,
        TimeProviderNames.SystemTimers,
        TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement,
        TimeProviderNames.GrainDirectory,

        // The event streams' pulling agents (their managers, and the agents' own poll timers, which are grain timers of a
        // system target): on the fake clock they would never read their queues, and no event would be delivered.
        Orleans.Streams.StreamingTimeProviderNames.Streaming,
        TimeProviderNames.Grains,
    ];

    public static IServiceCollection UseFakeClockForTheSwitchOnly(this IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(TestClock.Instance);
        foreach (var area in Areas)
        {
            services.AddKeyedSingleton(area, TimeProvider.System);
        }

        return services;
    }
}
