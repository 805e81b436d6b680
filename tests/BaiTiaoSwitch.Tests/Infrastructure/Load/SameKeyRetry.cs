using BaiTiaoSwitch.Client;
using Orleans.Networking.Shared;
using Orleans.Runtime.Messaging;

namespace BaiTiaoSwitch.Tests.Infrastructure.Load;

/// <summary>
/// A wallet's retry loop: send a request; on a retryable failure (outcome unknown, overloaded, a silo gone, a
/// timeout) send it again with the same idempotency key, with jittered backoff, until it is answered or the deadline
/// passes. The SDK's own retries are off (the clients given here have none), so every failure is seen and counted.
/// </summary>
public sealed class SameKeyRetry(RetryTally tally, TimeSpan deadline)
{
    private static readonly TimeSpan BackoffMax = TimeSpan.FromSeconds(1);

    /// <summary>The answer to <paramref name="call"/>; null when it never resolved or failed for good (both counted in the tally).</summary>
    public async Task<T?> Resolve<T>(string key, Func<RequestOptions, Task<T>> call)
        where T : class
    {
        var options = RequestOptions.WithKey(key);
        var give = DateTime.UtcNow + deadline;
        for (var attempt = 0; ; attempt++)
        {
            tally.Attempted();
            try
            {
                var answer = await call(options);
                tally.Answered();
                return answer;
            }
            catch (Exception exception) when (Kind(exception) is { } kind)
            {
                tally.Failed(key, kind);
                if (DateTime.UtcNow >= give)
                {
                    tally.GaveUp(key, kind);
                    return null;
                }

                // Backoff before a retry is what a wallet does; it is not a wait for the test's own progress.
                var ceiling = Math.Min(BackoffMax.TotalMilliseconds, 20 * (1 << Math.Min(attempt, 10)));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling));
            }
            catch (Exception exception)
            {
                // A final error (key reused, not found, rejected, a raw storage error) is no answer to an acknowledged-or-not
                // question: the load made only valid requests, so each one is a finding.
                tally.Surprised(key, exception);
                return null;
            }
        }
    }

    /// <summary>The kind of a retryable failure, or null when the failure is final.</summary>
    public static string? Kind(Exception exception) => exception switch
    {
        SwitchException { IsRetryable: true } switchException => switchException.Code,
        SiloUnavailableException => "silo_unavailable",
        OrleansMessageRejectionException or GatewayTooBusyException => "message_rejected",
        ConnectionFailedException or SocketConnectionException => "connection_failed",
        TimeoutException => "timeout",
        _ => null,
    };
}
