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

    /// <summary>
    /// The reminder's row once it is stored. A line registers its reminder beside its answer (waiting at most
    /// <c>ReminderWaitMax</c>), so under load the row may land just after the answer; null after a minute.
    /// </summary>
    public static async Task<ReminderEntry?> ReminderOnceStored(TestCluster cluster, GrainId grain, string reminderName)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var row = await Reminders(cluster).ReadRow(grain, reminderName);
            if (row is not null || DateTime.UtcNow > deadline)
            {
                return row;
            }

            await Task.Delay(50);
        }
    }
}
