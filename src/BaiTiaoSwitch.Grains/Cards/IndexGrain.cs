using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

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
/// <para>
/// The entry is not read when the activation starts. Nearly every registration is of a key just drawn, which storage
/// does not hold: it is written create-only (the store refuses it if the entry exists), and read only when refused.
/// That saves a read that finds nothing on every card issued and every grant made. A lookup reads the entry first.
/// </para>
/// </summary>
public abstract partial class IndexGrain(string stateName, ILogger logger) : Grain
{
    // What storage holds as far as this activation knows: null until it read or wrote the entry.
    private GrainState<IndexEntry>? stored;
    private bool failed;

    private IGrainStorage Storage => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Records);

    public async Task<bool> Register(string targetId)
    {
        Ids.Require(targetId, "targetId");
        ThrowIfFailed();
        if (stored?.State?.TargetId is { } owner)
        {
            return owner == targetId;
        }

        // Unread, the entry is taken as absent: an empty ETag makes the write create-only.
        var next = new GrainState<IndexEntry>(new IndexEntry { TargetId = targetId }) { ETag = stored?.ETag, RecordExists = stored?.RecordExists ?? false };
        try
        {
            await Storage.WriteStateAsync(stateName, GrainContext.GrainId, next);
        }
        catch (InconsistentStateException) when (stored is null)
        {
            // The entry exists: an earlier registration of this id whose answer was lost, or another id's.
            stored = await Read();
            return stored.State?.TargetId is { } existing ? existing == targetId : throw Fail(null);
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }

        stored = next;

        // An entry is written once, when its card or grant is set up, and often never read again (a card number is
        // looked up only by a binding's check; a token only when a wallet pays by token rather than by grant id): kept
        // activated it would cost every line memory for nothing. A lookup reads it back, and it stays while used.
        DeactivateOnIdle();
        return true;
    }

    public async Task<string?> Find()
    {
        ThrowIfFailed();
        stored ??= await Read();
        return stored.State?.TargetId;
    }

    private async Task<GrainState<IndexEntry>> Read()
    {
        var read = new GrainState<IndexEntry>(new IndexEntry());
        try
        {
            await Storage.ReadStateAsync(stateName, GrainContext.GrainId, read);
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }

        read.State ??= new IndexEntry();
        return read;
    }

    private void ThrowIfFailed()
    {
        if (failed)
        {
            throw DurableState<IndexEntry>.Unknown();
        }
    }

    /// <summary>
    /// The activation no longer knows what storage holds (a write failed or its outcome is unknown, or a refused create
    /// found nothing): it leaves, and the retry loads what storage really holds.
    /// </summary>
    private OutcomeUnknownException Fail(Exception? exception)
    {
        failed = true;
        LogEntryUnknown(exception, GrainContext.GrainId.Type.ToString() ?? "(grain)");
        GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "An index entry's write failed or its outcome is unknown."));
        return DurableState<IndexEntry>.Unknown();
    }

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "An index entry of a {GrainType} grain could not be written or read; the activation is dropped and its callers get outcome_unknown")]
    private partial void LogEntryUnknown(Exception? exception, string grainType);
}
