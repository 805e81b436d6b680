using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Storage;

/// <summary>
/// The state of a card, grant or index under "durable before visible" (guarantee 4): a change is computed on a copy,
/// written, and only then becomes <see cref="Current"/>, the state the grain answers from. While a write is in flight,
/// interleaved reads still see the state before it. A write that fails, or whose outcome is unknown (a lost response,
/// an ETag conflict), leaves the activation unusable: it is deactivated, and that call and any later one on it answer
/// the retryable <c>outcome_unknown</c>, so the next call loads what storage really holds.
/// </summary>
public sealed partial class DurableState<TState>(IPersistentState<TState> storage, IGrainContext grain, ILogger logger)
    where TState : class
{
    private TState? current;
    private bool failed;

    /// <summary>The state as last written (or loaded). Throws outcome_unknown once a write has failed.</summary>
    public TState Current => failed ? throw Unknown() : current ??= storage.State;

    /// <summary>Writes <paramref name="next"/> (a copy, never <see cref="Current"/> itself) and adopts it once durable.</summary>
    public async Task Write(TState next)
    {
        if (ReferenceEquals(next, Current))
        {
            throw new InvalidOperationException("Write a changed copy of the state, never the state itself.");
        }

        storage.State = next;
        try
        {
            await storage.WriteStateAsync();
        }
        catch (Exception exception)
        {
            failed = true;
            LogWriteFailed(exception, grain.GrainId.Type.ToString() ?? "(grain)");
            grain.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A state write failed or its outcome is unknown."));
            throw Unknown();
        }

        current = next;
    }

    // No storage detail travels to the caller: it may name tables or keys. The log has it.
    internal static OutcomeUnknownException Unknown() => new(
        "The switch could not confirm that the change was stored. Retry with the same idempotency key: the retry returns the original answer if the change took effect, and makes it otherwise.");

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "A state write of a {GrainType} grain failed or its outcome is unknown; the activation is dropped and its callers get outcome_unknown")]
    private partial void LogWriteFailed(Exception exception, string grainType);
}
