namespace BaiTiaoSwitch.Client;

/// <summary>
/// How the SDK calls the cluster: with the caller's token in Orleans' <c>RequestContext</c> (set inside these async
/// methods, so it never leaks into the application's own context), retrying what may be retried with the same
/// idempotency key, and handing the key back with the answer or with an outcome_unknown error.
/// </summary>
internal sealed class ClusterCalls(CallerTokenSource? tokens, int retriesMax, TimeSpan backoffBase)
{
    public CallerTokenSource? Tokens => tokens;

    public async Task<T> Read<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            AttachCaller();
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt < retriesMax && IsRetryable(exception))
            {
                // Exponential backoff with full jitter; safe only because a mutating call keeps its idempotency key.
                var ceiling = backoffBase.TotalMilliseconds * (1 << attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A mutating call: the same <paramref name="key"/> on every attempt, and given back whatever happens.</summary>
    public async Task<T> Write<T>(string key, Func<string, Task<T>> call, Func<T, string, T> withKey, CancellationToken cancellationToken)
    {
        try
        {
            return withKey(await Read(() => call(key), cancellationToken).ConfigureAwait(false), key);
        }
        catch (OutcomeUnknownException exception)
        {
            exception.IdempotencyKey ??= key;
            throw;
        }
        catch (Exception exception) when (IsTransportFailure(exception))
        {
            throw new OutcomeUnknownException(
                "The cluster did not answer, so whether the request took effect is unknown. Retry with the same idempotency key (IdempotencyKey): the retry returns the original result if there was one.",
                exception)
            { IdempotencyKey = key };
        }
    }

    /// <summary>One call, never retried: for operations that are not idempotent by key (e.g. spending a nonce).</summary>
    public async Task<T> Once<T>(Func<Task<T>> call)
    {
        AttachCaller();
        return await call().ConfigureAwait(false);
    }

    private void AttachCaller()
    {
        if (tokens is null)
        {
            RequestContext.Remove(CallerContextKeys.Token);
        }
        else
        {
            RequestContext.Set(CallerContextKeys.Token, tokens.Current());
        }
    }

    private static bool IsRetryable(Exception exception) => exception is SwitchException { IsRetryable: true } || IsTransportFailure(exception);

    // An OrleansException around a timeout is a silo service that did not answer in time (a starting silo's reminder
    // service still reading its range): it says nothing about the request, as the gateway also treats it.
    private static bool IsTransportFailure(Exception exception) =>
        exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or OrleansException { InnerException: TimeoutException };
}
