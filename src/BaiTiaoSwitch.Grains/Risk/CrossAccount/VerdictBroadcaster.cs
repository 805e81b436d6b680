using Microsoft.Extensions.Logging;
using Orleans.Runtime.Services;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>
/// Sends a verdict to the cache of every active silo (<see cref="IVerdictCacheService"/>, a grain service: one per silo).
/// A silo that misses one (it was joining, or a call failed) gets the subject's next verdict, which carries the whole window.
/// </summary>
public sealed partial class VerdictBroadcaster(IServiceProvider services, IClusterMembershipService membership, ILogger<VerdictBroadcaster> logger)
    : GrainServiceClient<IVerdictCacheService>(services)
{
    /// <summary>A sequence above <paramref name="previous"/> and above any an earlier activation of the monitor used (wall-clock ticks).</summary>
    public static long NextSequence(long previous) => Math.Max(previous + 1, TimeProvider.System.GetUtcNow().UtcTicks);

    public Task Publish(SignalWindow verdict) =>
        Task.WhenAll(membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => Send(member.SiloAddress, verdict)));

    private async Task Send(SiloAddress silo, SignalWindow verdict)
    {
        try
        {
            await GetGrainService(silo).Accept(verdict);
        }
        catch (Exception exception)
        {
            LogSendFailed(exception, verdict.Subject, silo.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verdict of {Subject} did not reach silo {Silo}; its next verdict will")]
    private partial void LogSendFailed(Exception exception, string subject, string silo);
}
