using Orleans.Storage;

namespace BaiTiaoSwitch.Storage;

/// <summary>
/// A record's stored state that is read when it is first needed rather than when its activation starts, so that the
/// call that creates the record can skip a read that would find nothing. That call says the record is new
/// (<see cref="LoadUnlessNew"/>) only when it knows, from the idempotency key it just claimed for the first time; its
/// write is then create-only (an empty ETag, which the store refuses when the record exists after all), so a wrong
/// guess fails the write and is never written over. Every other call loads first (<see cref="LoadBefore"/>).
/// </summary>
public sealed class DeferredState<TState>(IGrainStorage storage, string stateName, GrainId grainId) : IPersistentState<TState>
    where TState : class, new()
{
    private readonly GrainState<TState> stored = new(new TState());
    private Task? loading;

    /// <summary>True once the state was read, or assumed absent.</summary>
    public bool IsLoaded => loading is { IsCompletedSuccessfully: true };

    public TState State
    {
        get => IsLoaded ? stored.State! : throw new InvalidOperationException($"The '{stateName}' state was used before it was loaded.");
        set => stored.State = value;
    }

    public string? Etag => stored.ETag;

    public bool RecordExists => stored.RecordExists;

    /// <summary>Reads the state unless it is loaded; calls that interleave share one read, and a failed read is tried again.</summary>
    public Task Load() => loading is { IsFaulted: false, IsCanceled: false } started ? started : loading = ReadStateAsync();

    /// <summary>
    /// Takes the record as absent without reading it when <paramref name="isNew"/> and nothing was read yet (the next
    /// write creates it, or fails if it exists); loads it otherwise.
    /// </summary>
    public Task LoadUnlessNew(bool isNew)
    {
        if (isNew && loading is null)
        {
            loading = Task.CompletedTask;
            return loading;
        }

        return Load();
    }

    /// <summary>A grain's call filter: every call but <paramref name="creatingMethod"/> runs on the loaded state.</summary>
    public async Task LoadBefore(IIncomingGrainCallContext call, string creatingMethod)
    {
        if (!IsLoaded && call.ImplementationMethod?.Name != creatingMethod)
        {
            await Load();
        }

        await call.Invoke();
    }

    public async Task ReadStateAsync()
    {
        await storage.ReadStateAsync(stateName, grainId, stored);
        stored.State ??= new TState();
    }

    public Task WriteStateAsync() => storage.WriteStateAsync(stateName, grainId, stored);

    public Task ClearStateAsync() => storage.ClearStateAsync(stateName, grainId, stored);
}
