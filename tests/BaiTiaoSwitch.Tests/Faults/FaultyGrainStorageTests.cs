using BaiTiaoSwitch.Tests.Infrastructure.Faults;
using Orleans.Storage;
using Xunit;

namespace BaiTiaoSwitch.Tests.Faults;

/// <summary>The fault-injecting wrapper does to a write exactly what each fault says, and nothing when faults are off.</summary>
public sealed class FaultyGrainStorageTests
{
    private static readonly GrainId Id = GrainId.Create("btsjournal", "acct-1.000000000001");

    [Fact]
    public async Task With_faults_off_every_write_is_stored_and_answered()
    {
        var (store, faulty, faults) = Wrapped();
        var state = new GrainState<string>("v1");

        await faulty.WriteStateAsync("journal", Id, state);

        Assert.Equal("v1", store.Value);
        Assert.Equal(store.ETag, state.ETag);
        Assert.Equal(1, faults.Writes("test-store"));
        Assert.All(Enum.GetValues<Fault>(), fault => Assert.Equal(0, faults.Injected(fault)));
    }

    [Fact]
    public async Task A_write_that_fails_before_stores_nothing()
    {
        var (store, faulty, faults) = Wrapped();
        faults.Arm("test-store", Fault.FailBeforeWrite);

        var error = await Assert.ThrowsAsync<InjectedStorageException>(() => faulty.WriteStateAsync("journal", Id, new GrainState<string>("v1")));

        Assert.Equal(Fault.FailBeforeWrite, error.Fault);
        Assert.Null(store.Value);
        Assert.Equal(1, faults.Injected(Fault.FailBeforeWrite));
    }

    [Fact]
    public async Task A_write_that_fails_after_is_stored_but_its_caller_keeps_the_old_etag()
    {
        var (store, faulty, faults) = Wrapped();
        var state = new GrainState<string>("v1");
        await faulty.WriteStateAsync("journal", Id, state);
        var etagBefore = state.ETag;
        faults.Arm("test-store", Fault.FailAfterWrite);
        state.State = "v2";

        await Assert.ThrowsAsync<InjectedStorageException>(() => faulty.WriteStateAsync("journal", Id, state));

        Assert.Equal("v2", store.Value);
        Assert.Equal(etagBefore, state.ETag);
        Assert.NotEqual(store.ETag, state.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => faulty.WriteStateAsync("journal", Id, state));
    }

    [Fact]
    public async Task A_conflict_stores_nothing_and_raises_the_storage_conflict_error()
    {
        var (store, faulty, faults) = Wrapped();
        faults.Arm("test-store", Fault.Conflict, target => target.Contains("acct-1", StringComparison.Ordinal));

        await Assert.ThrowsAsync<InconsistentStateException>(() => faulty.WriteStateAsync("journal", Id, new GrainState<string>("v1")));

        Assert.Null(store.Value);
        Assert.Equal(1, faults.Injected("test-store", Fault.Conflict));
    }

    [Fact]
    public void The_same_seed_draws_the_same_faults_for_the_same_sequence_of_writes()
    {
        static string Draws(int seed)
        {
            var faults = new StorageFaults();
            faults.Start(FaultRates.Each(0.2), seed, "s");
            return string.Concat(Enumerable.Range(0, 200).Select(_ => faults.Around("s", "t", () => Task.FromResult(0), null, () => new InconsistentStateException()) switch
            {
                { IsFaulted: true } failed => failed.Exception!.InnerException is InconsistentStateException ? "c" : "f",
                _ => ".",
            }));
        }

        Assert.Equal(Draws(7), Draws(7));
        Assert.NotEqual(Draws(7), Draws(8));
        Assert.Contains("c", Draws(7), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_faults_lets_every_later_write_through_and_a_watcher_sees_the_stored_write()
    {
        var (store, faulty, faults) = Wrapped();
        faults.Start(new FaultRates(1, 0, 0), seed: 1, "test-store");
        await Assert.ThrowsAsync<InjectedStorageException>(() => faulty.WriteStateAsync("journal", Id, new GrainState<string>("lost")));
        faults.Stop();
        var stored = faults.WhenStored("test-store", target => target.Contains("acct-1", StringComparison.Ordinal));

        await faulty.WriteStateAsync("journal", Id, new GrainState<string>("kept"));

        Assert.True(stored.IsCompletedSuccessfully);
        Assert.Equal("kept", store.Value);
    }

    private static (OneRecordStorage Store, FaultyGrainStorage Faulty, StorageFaults Faults) Wrapped()
    {
        var store = new OneRecordStorage();
        var faults = new StorageFaults();
        return (store, new FaultyGrainStorage(store, "test-store", faults), faults);
    }

    /// <summary>A storage of one record with ETag checks, as the real providers do them.</summary>
    private sealed class OneRecordStorage : IGrainStorage
    {
        public string? Value { get; private set; }

        public string? ETag { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (grainState.ETag != ETag)
            {
                throw new InconsistentStateException("ETag mismatch", ETag ?? "", grainState.ETag ?? "");
            }

            Value = grainState.State?.ToString();
            ETag = Guid.NewGuid().ToString("N");
            (grainState.ETag, grainState.RecordExists) = (ETag, true);
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WriteStateAsync(stateName, grainId, grainState);
    }
}
