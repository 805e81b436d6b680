using Orleans.Storage;

namespace BaiTiaoSwitch.Tests.Infrastructure.Faults;

/// <summary>
/// Wraps one real Orleans storage provider (Azure Table or Blob on Azurite) and puts every write and clear through
/// <see cref="StorageFaults.Around{T}"/>. Reads pass through, counted. It stays a lifecycle participant of the silo, as the
/// provider it wraps is, so the provider still creates its table or container at start.
/// </summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, string store, StorageFaults faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        faults.PointRead(store, grainId.ToString());
        return inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Faulty(grainId, grainState, () => inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Faulty(grainId, grainState, () => inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken));

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private Task Faulty<T>(GrainId grainId, IGrainState<T> grainState, Func<Task> write)
    {
        // A lost response leaves the caller with what it knew before the write: the old ETag and existence.
        var (etag, existed) = (grainState.ETag, grainState.RecordExists);
        var target = grainId.ToString();
        return faults.Around(
            store,
            target,
            async () =>
            {
                await write();
                return true;
            },
            forgetOutcome: () => (grainState.ETag, grainState.RecordExists) = (etag, existed),
            conflict: () => new InconsistentStateException($"Injected fault: ETag conflict on {target} in '{store}'.", etag ?? "(none)", "(changed by another writer)"));
    }
}
