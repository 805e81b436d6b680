using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.Logging;

namespace BaiTiaoSwitch.Cards;

[GenerateSerializer, Alias("bts.IndexEntry")]
public sealed class IndexEntry
{
    [Id(0)] public string? TargetId { get; set; }
}

/// <summary>
/// A keyed-hash → id index entry, and the arbiter of its key's uniqueness: the first id to register the key keeps it;
/// the same id again is told yes, any other no. The entry is taken only once its write is durable; a failed write
/// drops the activation and answers outcome_unknown.
/// </summary>
public abstract class IndexGrain(IPersistentState<IndexEntry> entry, ILogger logger) : Grain
{
    private DurableState<IndexEntry>? state;

    private DurableState<IndexEntry> State => state ??= new DurableState<IndexEntry>(entry, GrainContext, logger);

    public async Task<bool> Register(string targetId)
    {
        Ids.Require(targetId, "targetId");
        var owner = State.Current.TargetId;
        if (owner is not null)
        {
            return owner == targetId;
        }

        await State.Write(new IndexEntry { TargetId = targetId });

        // An entry is written once, when its card or grant is set up, and often never read again (a card number is
        // looked up only by a binding's check; a token only when a wallet pays by token rather than by grant id): kept
        // activated it would cost every line memory for nothing. A lookup reads it back, and it stays while used.
        DeactivateOnIdle();
        return true;
    }

    public Task<string?> Find() => Task.FromResult(State.Current.TargetId);
}
