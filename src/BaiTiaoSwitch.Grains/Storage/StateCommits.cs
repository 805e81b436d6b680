namespace BaiTiaoSwitch.Storage;

/// <summary>
/// Durable before visible, for grains whose state is one immutable value: the next state is built on the side, written,
/// and only then is it the state. A write that fails (or whose outcome is unknown) leaves the previous value in memory,
/// drops the activation (the next one reads what storage really holds) and answers the retryable outcome_unknown.
/// The value is swapped in before the write only because <see cref="IPersistentState{T}"/> writes what it holds; the
/// binding grains that use this are not reentrant, so no other call can read it before the write is confirmed. A grain
/// that answers reads while it writes uses <see cref="DurableState{TState}"/> instead.
/// </summary>
public static class StateCommits
{
    public static async Task Commit<T>(this IPersistentState<T> state, T next, IGrainBase grain)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            state.State = previous;
            grain.DeactivateOnIdle();
            throw OutcomeUnknown();
        }
    }

    /// <summary>Deletes the stored state (the row goes); on failure, as <see cref="Commit"/>.</summary>
    public static async Task Delete<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.ClearStateAsync();
        }
        catch (Exception)
        {
            grain.DeactivateOnIdle();
            throw OutcomeUnknown();
        }
    }

    private static OutcomeUnknownException OutcomeUnknown() => DurableState<object>.Unknown();
}
