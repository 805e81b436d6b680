using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace BaiTiaoSwitch.Tests.Infrastructure;

/// <summary>What a test reaches from inside the cluster: the silo's own grain factory (calls internal to the cluster) and its services.</summary>
public static class SiloSide
{
    public static IServiceProvider Services(TestCluster cluster) => StoredLedger.SiloServices(cluster);

    public static IGrainFactory Grains(TestCluster cluster) => Services(cluster).GetRequiredService<IGrainFactory>();

    /// <summary>The reminder table itself (storage), which a test may read from any thread.</summary>
    public static IReminderTable Reminders(TestCluster cluster) => Services(cluster).GetRequiredService<IReminderTable>();
}
