using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The durable form of a line, and the only writer of it: an insert-only journal of batches (one table entity per
/// version) plus a snapshot (blob) every <c>SnapshotEveryBatches</c> batches, after which the journal entries it
/// covers are deleted. Data flows one way: the committer hands it a batch, it writes. Insert-only means two
/// activations of one account can never both write the same version: the loser's write fails and it deactivates
/// (split-brain fencing). Snapshots are ETag-conditional for the same reason.
/// </summary>
public sealed partial class AccountStore(string accountId, IServiceProvider services, SwitchOptions options, ILogger logger) : IAccountStore
{
    private const string EntryState = "journal";
    private const string SnapshotState = "snapshot";
    private const int PruneParallelMax = 16;
    private readonly IGrainStorage journal = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Journal);
    private readonly IGrainStorage snapshots = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Snapshots);
    private readonly GrainState<AccountImage> snapshot = new(new AccountImage());
    private Task? snapshotWrite;

    public long SnapshotVersion => snapshot.State!.Version;

    /// <summary>Journal versions up to this one are known to be deleted.</summary>
    public long PrunedThrough => snapshot.State!.JournalPrunedThrough;

    /// <summary>Reads the snapshot and every journal entry after it into <paramref name="book"/>. Returns how many entries.</summary>
    public async Task<int> Load(AccountBook book, CancellationToken cancellationToken)
    {
        await snapshots.ReadStateAsync(SnapshotState, SnapshotId(), snapshot, cancellationToken);
        if (snapshot.RecordExists)
        {
            book.Apply(snapshot.State!);
        }

        var replayed = 0;
        while (true)
        {
            var entry = new GrainState<AccountImage>(new AccountImage());
            await journal.ReadStateAsync(EntryState, EntryId(book.Version + 1), entry, cancellationToken);
            if (!entry.RecordExists || entry.State!.Version != book.Version + 1)
            {
                return replayed;
            }

            book.Apply(entry.State);
            replayed++;
        }
    }

    /// <summary>True when the batch of <paramref name="version"/> should also be written as a full snapshot.</summary>
    public bool WantsSnapshot(long version) => snapshotWrite is not { IsCompleted: false } && version - SnapshotVersion >= options.SnapshotEveryBatches;

    /// <summary>
    /// Inserts the journal entry (throws if that version exists: another activation wrote it). A full image of the same
    /// version, when given, is written afterwards off the caller's turn; its failure loses nothing (the journal has it).
    /// </summary>
    public async Task Write(AccountImage changes, AccountImage? image)
    {
        await journal.WriteStateAsync(EntryState, EntryId(changes.Version), new GrainState<AccountImage>(changes, null));
        if (image is not null)
        {
            snapshotWrite = WriteSnapshot(image);
        }
    }

    /// <summary>Completes when no snapshot write or journal pruning is under way (tests and orderly shutdown).</summary>
    public Task Settled() => snapshotWrite ?? Task.CompletedTask;

    private async Task WriteSnapshot(AccountImage image)
    {
        try
        {
            image.JournalPrunedThrough = PrunedThrough;
            var next = new GrainState<AccountImage>(image, snapshot.ETag) { RecordExists = snapshot.RecordExists };
            var id = SnapshotId();

            // Serializing a whole line takes long; the image is an immutable copy, so it is written off the grain's
            // turn and payments go on meanwhile.
            await Task.Run(() => snapshots.WriteStateAsync(SnapshotState, id, next));
            snapshot.State = image;
            snapshot.ETag = next.ETag;
            snapshot.RecordExists = true;
            await PruneJournal(image.Version);
        }
        catch (Exception exception)
        {
            LogSnapshotFailed(exception, accountId, image.Version);
            await Reread();
        }
    }

    /// <summary>
    /// After a failed snapshot write, learns what storage holds: the write may have landed after all (its answer was
    /// lost), or another activation wrote a newer one. Either way the next write is conditional on that, and a snapshot
    /// is never replaced by an older one (the journal below a newer snapshot may already be gone).
    /// </summary>
    private async Task Reread()
    {
        try
        {
            var stored = new GrainState<AccountImage>(new AccountImage());
            await snapshots.ReadStateAsync(SnapshotState, SnapshotId(), stored, CancellationToken.None);
            snapshot.State = stored.State ?? new AccountImage();
            snapshot.ETag = stored.ETag;
            snapshot.RecordExists = stored.RecordExists;
        }
        catch (Exception exception)
        {
            LogSnapshotFailed(exception, accountId, SnapshotVersion);
        }
    }

    /// <summary>Deletes the entries a durable snapshot covers. What a failure leaves is retried after the next snapshot.</summary>
    private async Task PruneJournal(long throughVersion)
    {
        var versions = Enumerable.Range(0, checked((int)(throughVersion - PrunedThrough))).Select(offset => PrunedThrough + 1 + offset);
        await Parallel.ForEachAsync(versions, new ParallelOptions { MaxDegreeOfParallelism = PruneParallelMax }, async (version, _) =>
        {
            try
            {
                await journal.ClearStateAsync(EntryState, EntryId(version), new GrainState<AccountImage>(new AccountImage(), "*"));
            }
            catch (InconsistentStateException)
            {
                // Not there: an earlier pruning deleted it before its progress could be recorded in a snapshot.
            }
        });
        snapshot.State!.JournalPrunedThrough = throughVersion;
    }

    private GrainId EntryId(long version) => GrainId.Create("btsjournal", $"{accountId}.{version:D12}");

    private GrainId SnapshotId() => GrainId.Create("btssnapshot", accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: snapshot at version {Version} or its journal pruning failed; the journal still holds every batch")]
    private partial void LogSnapshotFailed(Exception exception, string accountId, long version);
}
