using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BaiTiaoSwitch.Risk.CrossAccount;

/// <summary>
/// The verdicts one silo holds: the newest window of each subject it was sent (by sequence), read synchronously by the
/// decisions of the accounts on this silo. At most <see cref="VerdictOptions.CachedSubjectsMax"/> subjects; past it, the
/// subjects whose newest decision is oldest go.
/// </summary>
public sealed class VerdictCache(IOptions<VerdictOptions> options) : IVerdictView
{
    private readonly ConcurrentDictionary<string, SignalWindow> windows = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly List<(string Subject, Func<SignalWindow, bool> Until, TaskCompletionSource Done)> waiters = [];

    public int Count => windows.Count;

    public SignalWindow? Window(string subject) => windows.GetValueOrDefault(subject);

    public void Accept(SignalWindow verdict)
    {
        var kept = windows.AddOrUpdate(verdict.Subject, verdict, (_, current) => current.Sequence >= verdict.Sequence ? current : verdict);
        if (windows.Count > options.Value.CachedSubjectsMax)
        {
            Evict();
        }

        lock (gate)
        {
            for (var index = waiters.Count - 1; index >= 0; index--)
            {
                var waiter = waiters[index];
                if (waiter.Subject == kept.Subject && waiter.Until(kept))
                {
                    waiters.RemoveAt(index);
                    waiter.Done.TrySetResult();
                }
            }
        }
    }

    /// <summary>Completes when the window of <paramref name="subject"/> satisfies <paramref name="until"/> (tests and the lag measure).</summary>
    public Task Reflects(string subject, Func<SignalWindow, bool> until, CancellationToken cancellation)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (Window(subject) is { } current && until(current))
            {
                return Task.CompletedTask;
            }

            waiters.Add((subject, until, done));
        }

        return done.Task.WaitAsync(cancellation);
    }

    private void Evict()
    {
        var keep = options.Value.CachedSubjectsMax * 9 / 10;
        var oldest = windows.Values
            .OrderBy(window => window.Entries.Count == 0 ? DateTimeOffset.MinValue : window.Entries[^1].At)
            .Take(Math.Max(0, windows.Count - keep))
            .Select(window => window.Subject)
            .ToList();
        foreach (var subject in oldest)
        {
            windows.TryRemove(subject, out _);
        }
    }
}
