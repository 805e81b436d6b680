using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace BaiTiaoSwitch.Chaos;

/// <summary>
/// A wallet's retry loop over HTTP: a request that got no answer, a 5xx, or 409 idempotency_key_in_use is sent again
/// with the same Idempotency-Key and body (new nonce and timestamp), with jittered backoff, until it is answered or
/// its deadline passes. Counts what it did.
/// </summary>
public sealed class SameKeyRetry(SignedApi api)
{
    private static readonly TimeSpan BackoffMax = TimeSpan.FromSeconds(2);
    private readonly ConcurrentQueue<string> unresolved = new();
    private readonly ConcurrentQueue<string> finalErrors = new();
    private long operations;
    private long acknowledged;
    private long retriedOperations;

    public long Operations => Interlocked.Read(ref operations);

    /// <summary>Requests answered 2xx (after retries or not).</summary>
    public long Acknowledged => Interlocked.Read(ref acknowledged);

    /// <summary>Requests that needed at least one retry before they were answered (or given up).</summary>
    public long RetriedOperations => Interlocked.Read(ref retriedOperations);

    public IReadOnlyCollection<string> Unresolved => unresolved.ToArray();

    public IReadOnlyCollection<string> FinalErrors => finalErrors.ToArray();

    /// <summary>The 2xx answer, or null: never answered by the deadline, or refused for good (both recorded).</summary>
    public async Task<JsonNode?> Resolve(string channel, HttpMethod method, string path, JsonNode? body, string? key, DateTimeOffset deadline, bool finalErrorIsViolation = true)
    {
        Interlocked.Increment(ref operations);
        for (var attempt = 0; ; attempt++)
        {
            var answer = await api.Send(channel, method, path, body, key);
            if (answer.Status is >= 200 and < 300)
            {
                Interlocked.Increment(ref acknowledged);
                return answer.Body ?? new JsonObject();
            }

            if (!IsRetryable(answer))
            {
                if (finalErrorIsViolation)
                {
                    finalErrors.Enqueue($"{method} {path} (key {key}): {answer}");
                }

                return null;
            }

            if (attempt == 0)
            {
                Interlocked.Increment(ref retriedOperations);
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                unresolved.Enqueue($"{method} {path} (key {key}): last {answer}");
                return null;
            }

            var ceiling = Math.Min(BackoffMax.TotalMilliseconds, 50 * (1 << Math.Min(attempt, 8)));
            await Task.Delay(TimeSpan.FromMilliseconds(ceiling / 2 + (Random.Shared.NextDouble() * ceiling / 2)));
        }
    }

    public static bool IsRetryable(Answer answer) =>
        answer.Status is 0 or 500 or 502 or 503 or 504 || (answer.Status == 409 && answer.Code == "idempotency_key_in_use");
}
