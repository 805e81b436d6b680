using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace BaiTiaoSwitch.Gateway.Problems;

/// <summary>
/// Failures of a call into the cluster that say nothing about the request: a silo died or restarts, a message
/// expired before the grain could be placed, a connection was refused. The caller may retry (503); for a write the
/// outcome is unknown, so it retries with the same Idempotency-Key.
/// </summary>
public static class ClusterFailures
{
    public static bool IsTransient(Exception exception, HttpContext context) => exception switch
    {
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException => true,
        OrleansException { InnerException: TimeoutException } => true,
        // Orleans cancels a message that expired while its grain was being placed (its silo had just died);
        // the caller hanging up is the only other cancellation, and then nobody reads the answer.
        OperationCanceledException => !context.RequestAborted.IsCancellationRequested,
        _ => false,
    };
}
