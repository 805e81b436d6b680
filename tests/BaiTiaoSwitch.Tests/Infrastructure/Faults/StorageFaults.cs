using System.Collections.Concurrent;

namespace BaiTiaoSwitch.Tests.Infrastructure.Faults;

/// <summary>
/// The one place that decides, for each write of each store of one cluster, whether it fails before, fails after
/// (stored, response lost), conflicts, or goes through; and that carries out that decision around any async store call
/// (<see cref="Around{T}"/>), so a decorator of another store interface is a few lines. Off until a test starts it.
/// Random faults come from a seeded generator; the order in which concurrent writes draw is the scheduler's.
/// </summary>
public sealed class StorageFaults
{
    private static readonly ConcurrentDictionary<string, StorageFaults> Clusters = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly Dictionary<(string Store, Fault Fault), int> injected = [];
    private readonly Dictionary<string, int> writes = new(StringComparer.Ordinal);
    private readonly List<(string Store, string Target, bool Range)> reads = [];
    private readonly List<(string Store, Func<string, bool> Target, Fault Fault)> armed = [];
    private readonly List<(string Store, Func<string, bool> Target, TaskCompletionSource Stored)> watchers = [];
    private readonly List<(string Store, Func<string, bool> Target, HeldWrite Held)> holds = [];
    private FaultRates rates = FaultRates.None;
    private HashSet<string> stores = [];
    private Random random = new(0);

    /// <summary>The faults of the cluster with this service id (each test cluster has its own).</summary>
    public static StorageFaults For(string serviceId) => Clusters.GetOrAdd(serviceId, _ => new StorageFaults());

    public int Seed { get; private set; }

    /// <summary>
    /// Injects random faults at <paramref name="faultRates"/> into writes of <paramref name="storeNames"/> until
    /// <see cref="Stop"/>. The counts start again from zero.
    /// </summary>
    public void Start(FaultRates faultRates, int seed, params string[] storeNames)
    {
        lock (gate)
        {
            (rates, Seed, random, stores) = (faultRates.Validated(), seed, new Random(seed), storeNames.ToHashSet(StringComparer.Ordinal));
            injected.Clear();
            writes.Clear();
        }
    }

    public void Stop()
    {
        lock (gate)
        {
            (rates, stores) = (FaultRates.None, []);
        }
    }

    /// <summary>The next write to <paramref name="store"/> whose target matches gets <paramref name="fault"/>, once.</summary>
    public void Arm(string store, Fault fault, Func<string, bool>? target = null)
    {
        lock (gate)
        {
            armed.Add((store, target ?? (_ => true), fault));
        }
    }

    /// <summary>Completes when a write to <paramref name="store"/> whose target matches has been stored (a write observed, not a sleep).</summary>
    public Task WhenStored(string store, Func<string, bool> target)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            watchers.Add((store, target, stored));
        }

        return stored.Task;
    }

    /// <summary>The next write to <paramref name="store"/> whose target matches waits, before it writes, until released.</summary>
    public HeldWrite Hold(string store, Func<string, bool> target)
    {
        var held = new HeldWrite();
        lock (gate)
        {
            holds.Add((store, target, held));
        }

        return held;
    }

    public int Injected(Fault fault) => Count(key => key.Fault == fault);

    public int Injected(string store, Fault fault) => Count(key => key == (store, fault));

    public int Writes(string store)
    {
        lock (gate)
        {
            return writes.GetValueOrDefault(store);
        }
    }

    /// <summary>Notes a range query of <paramref name="store"/> (reads are never faulted, only counted).</summary>
    public void RangeRead(string store, string target) => NoteRead(store, target, range: true);

    /// <summary>Notes a point read of <paramref name="store"/>.</summary>
    public void PointRead(string store, string target) => NoteRead(store, target, range: false);

    /// <summary>How many range queries of <paramref name="store"/> had a matching target.</summary>
    public int RangeReads(string store, Func<string, bool> target) => CountReads(store, target, range: true);

    /// <summary>How many point reads of <paramref name="store"/> had a matching target.</summary>
    public int PointReads(string store, Func<string, bool> target) => CountReads(store, target, range: false);

    private void NoteRead(string store, string target, bool range)
    {
        lock (gate)
        {
            reads.Add((store, target, range));
        }
    }

    private int CountReads(string store, Func<string, bool> target, bool range)
    {
        lock (gate)
        {
            return reads.Count(read => read.Store == store && read.Range == range && target(read.Target));
        }
    }

    public string Summary()
    {
        lock (gate)
        {
            return string.Join("; ", writes.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry =>
                $"{entry.Key}: {entry.Value} writes, " + string.Join(", ", Enum.GetValues<Fault>().Where(fault => fault != Fault.None)
                    .Select(fault => $"{injected.GetValueOrDefault((entry.Key, fault))} {fault}"))));
        }
    }

    /// <summary>
    /// Runs one write of <paramref name="store"/> under the fault decided for it. <paramref name="forgetOutcome"/> undoes
    /// what the write told its caller (the new ETag), so that a lost response looks lost; <paramref name="conflict"/>
    /// makes the store's own conflict error.
    /// </summary>
    public async Task<T> Around<T>(string store, string target, Func<Task<T>> write, Action? forgetOutcome, Func<Exception> conflict)
    {
        if (TakeHold(store, target) is { } held)
        {
            await held.Arrive();
        }

        var fault = Decide(store, target);
        switch (fault)
        {
            case Fault.FailBeforeWrite:
                throw new InjectedStorageException(fault, store, target);
            case Fault.Conflict:
                throw conflict();
        }

        var result = await write();
        Stored(store, target);
        if (fault == Fault.FailAfterWrite)
        {
            forgetOutcome?.Invoke();
            throw new InjectedStorageException(fault, store, target);
        }

        return result;
    }

    private HeldWrite? TakeHold(string store, string target)
    {
        lock (gate)
        {
            var index = holds.FindIndex(entry => entry.Store == store && entry.Target(target));
            if (index < 0)
            {
                return null;
            }

            var held = holds[index].Held;
            holds.RemoveAt(index);
            return held;
        }
    }

    private Fault Decide(string store, string target)
    {
        lock (gate)
        {
            writes[store] = writes.GetValueOrDefault(store) + 1;
            var fault = Fault.None;
            var shot = armed.FindIndex(entry => entry.Store == store && entry.Target(target));
            if (shot >= 0)
            {
                fault = armed[shot].Fault;
                armed.RemoveAt(shot);
            }
            else if (stores.Contains(store))
            {
                var draw = random.NextDouble();
                fault = draw < rates.FailBeforeWrite ? Fault.FailBeforeWrite
                    : draw < rates.FailBeforeWrite + rates.FailAfterWrite ? Fault.FailAfterWrite
                    : draw < rates.FailBeforeWrite + rates.FailAfterWrite + rates.Conflict ? Fault.Conflict
                    : Fault.None;
            }

            if (fault != Fault.None)
            {
                injected[(store, fault)] = injected.GetValueOrDefault((store, fault)) + 1;
            }

            return fault;
        }
    }

    private void Stored(string store, string target)
    {
        List<TaskCompletionSource> done;
        lock (gate)
        {
            done = watchers.Where(watcher => watcher.Store == store && watcher.Target(target)).Select(watcher => watcher.Stored).ToList();
            watchers.RemoveAll(watcher => done.Contains(watcher.Stored));
        }

        done.ForEach(stored => stored.TrySetResult());
    }

    private int Count(Func<(string Store, Fault Fault), bool> which)
    {
        lock (gate)
        {
            return injected.Where(entry => which(entry.Key)).Sum(entry => entry.Value);
        }
    }
}
