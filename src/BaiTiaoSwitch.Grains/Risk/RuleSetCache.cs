namespace BaiTiaoSwitch.Risk;

/// <summary>
/// This silo's copy of the cluster's rule set: what every account on the silo decides against, read synchronously (no
/// I/O on the payment path). <see cref="RuleSetWatcher"/> replaces it the moment the rules grain stores a change.
/// </summary>
public sealed class RuleSetCache
{
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object gate = new();
    private readonly List<(long Version, TaskCompletionSource Reached)> waiters = [];
    private volatile RuleSet current = RuleSet.Empty;

    public RuleSet Current => current;

    /// <summary>Done once the silo holds the rules grain's set (any version, the empty one included).</summary>
    public Task Loaded => loaded.Task;

    /// <summary>Adopts <paramref name="ruleSet"/> unless an equal or newer version is already held.</summary>
    public void Adopt(RuleSet ruleSet)
    {
        List<TaskCompletionSource> reached;
        lock (gate)
        {
            if (ruleSet.Version > current.Version)
            {
                current = ruleSet;
            }

            reached = [.. waiters.Where(waiter => waiter.Version <= current.Version).Select(waiter => waiter.Reached)];
            waiters.RemoveAll(waiter => waiter.Version <= current.Version);
        }

        loaded.TrySetResult();
        reached.ForEach(waiter => waiter.TrySetResult());
    }

    /// <summary>Done once this silo holds version <paramref name="version"/> or a newer one (how tests and figures observe propagation).</summary>
    public Task WhenAtLeast(long version)
    {
        lock (gate)
        {
            if (current.Version >= version)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((version, reached));
            return reached.Task;
        }
    }
}
