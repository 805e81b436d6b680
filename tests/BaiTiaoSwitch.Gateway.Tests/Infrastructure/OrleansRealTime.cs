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

        // Grain and system-target timers, and the stream agents that poll the event queues: on the fake clock no event
        // would ever be delivered.
        TimeProviderNames.Grains,
        Orleans.Streams.StreamingTimeProviderNames.Streaming,
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
