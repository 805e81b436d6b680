using System.Collections.Concurrent;

namespace BaiTiaoSwitch.Tests.Infrastructure.Load;

/// <summary>What happened to the requests of a load: attempts, failures by kind, keys retried, keys left unresolved.</summary>
public sealed class RetryTally
{
    private readonly ConcurrentDictionary<string, int> failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> retriedKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> unresolved = new();
    private readonly ConcurrentQueue<string> unexpected = new();
    private long attempts;
    private long acknowledged;

    public long Attempts => Interlocked.Read(ref attempts);

    public long Acknowledged => Interlocked.Read(ref acknowledged);

    /// <summary>Failed attempts that a retry with the same key is meant to resolve.</summary>
    public int RetryableFailures => failures.Values.Sum();

    /// <summary>Keys that needed at least one retry (and were then resolved, unless listed in <see cref="Unresolved"/>).</summary>
    public int RetriedKeys => retriedKeys.Count;

    public IReadOnlyCollection<string> Unresolved => unresolved.ToArray();

    /// <summary>Errors that are neither an answer nor retryable: each is a finding.</summary>
    public IReadOnlyCollection<string> Unexpected => unexpected.ToArray();

    public void Attempted() => Interlocked.Increment(ref attempts);

    public void Failed(string key, string kind)
    {
        failures.AddOrUpdate(kind, 1, (_, count) => count + 1);
        retriedKeys.TryAdd(key, 0);
    }

    public void Answered() => Interlocked.Increment(ref acknowledged);

    public void GaveUp(string key, string lastFailure) => unresolved.Enqueue($"{key}: {lastFailure}");

    public void Surprised(string key, Exception exception) => unexpected.Enqueue($"{key}: {exception.GetType().Name}: {exception.Message}");

    public override string ToString() =>
        $"{Attempts} attempts, {Acknowledged} acknowledged, {RetryableFailures} retryable failures " +
        $"({string.Join(", ", failures.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => $"{entry.Value} {entry.Key}"))}), " +
        $"{RetriedKeys} keys retried, {unresolved.Count} unresolved, {unexpected.Count} unexpected errors";
}
