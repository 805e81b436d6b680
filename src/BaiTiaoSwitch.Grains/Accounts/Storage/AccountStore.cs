using BaiTiaoSwitch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The durable form of a line, and the only writer of it: its journal entries in the silo's commit log (packed with
/// other lines' into shard transactions), plus a snapshot (blob) written when the journal since the last one is at
/// least the snapshot's own size (amortized) or reaches a ceiling (bounded), after which the entries it covers are
/// deleted. Data flows one way: the committer hands it a batch, it writes. Every append also moves the line's head
/// row, conditional on the head this activation last saw, so two activations can never both write after the same
/// version, even once old entries are deleted (split-brain fence); snapshots are ETag-conditional for the same reason.
/// An answer that writes nothing is fenced by a read of that head instead (<see cref="IsCurrent"/>).
/// </summary>
public sealed partial class AccountStore(string accountId, IServiceProvider services, SwitchOptions options, ILogger logger, Events.LineOutbox? outbox = null) : IAccountStore
{
    private const string SnapshotState = "snapshot";
    private const int LoadAttemptsMax = 5;
    private readonly CommitLog.SharedCommitLog log = services.GetRequiredService<CommitLog.SharedCommitLog>();
    private readonly IGrainStorage snapshots = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Snapshots);
    private readonly Serializer serializer = services.GetRequiredService<Serializer>();
    private readonly LineHead head = new(services.GetRequiredService<CommitLog.SharedCommitLog>(), accountId);
    private long journalBytes;
    private Task? snapshotWrite;

    // What the line needs of its stored snapshot: where it stands, its size and its ETag. Not the image itself, which
    // the book has taken in: an idle line kept an empty image (about 700 B of empty lists) or its last snapshot's lists.
    private SnapshotMark stored = SnapshotMark.None;

    public long SnapshotVersion => stored.Version;

    /// <summary>Journal versions up to this one are known to be deleted.</summary>
    public long PrunedThrough => stored.JournalPrunedThrough;

    /// <summary>
    /// Reads the line's head, the snapshot (unless the line never wrote) and, when the head is past the snapshot, the
    /// journal after it (one range query) into <paramref name="book"/>. When what was read does not end at the head, a
    /// newer snapshot pruned the journal meanwhile (or another activation wrote): the load starts over, a few times.
    /// Returns how many entries were replayed.
    /// </summary>
    public async Task<int> Load(AccountBook book, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            book.Clear();

            // The head first. A line that never wrote has no head, and so no snapshot: a snapshot is written only after
            // an append, and the head row is never deleted. A new line (every line's opening) loads with this one read.
            // Read before the snapshot and the replay, the head may be passed by another activation meanwhile: what was
            // read then does not end at it and the load starts over, or the ETag kept here is stale and the fence
            // refuses this activation's first append.
            var headRow = await log.ReadHead(accountId, cancellationToken);
            if (headRow is null)
            {
                (stored, journalBytes, head.ETag, publishedThrough) = (SnapshotMark.None, 0, null, 0);
                return 0;
            }

            var read = new GrainState<AccountImage>(new AccountImage());
            await snapshots.ReadStateAsync(SnapshotState, SnapshotId(), read, cancellationToken);
            stored = SnapshotMark.Of(read);
            if (read.RecordExists)
            {
                book.Apply(read.State!);
            }

            var unpublished = new List<(long Version, List<Events.SwitchEvent> Events)>();
            var snapshotPublished = book.Header.EventsPublishedThrough;
            if (snapshotPublished < book.Version)
            {
                // Entries the snapshot covers whose events were not confirmed published: their events only.
                unpublished.AddRange(await log.ReadEvents(accountId, snapshotPublished + 1, book.Version, cancellationToken));
            }

            // A line whose snapshot is as new as its head (one that went idle after a snapshot) has nothing to replay,
            // and skips the range query.
            var (entries, bytes) = headRow.Version <= book.Version ? (0, 0L) : await log.Replay(accountId, book.Version + 1, entry =>
            {
                book.Apply(entry);
                unpublished.Add((entry.Version, entry.Events));
            }, cancellationToken);
            if (headRow.Version == book.Version)
            {
                (journalBytes, head.ETag, publishedThrough) = (bytes, headRow.ETag, book.Header.EventsPublishedThrough);
                foreach (var (version, events) in unpublished.Where(entry => entry.Version > book.Header.EventsPublishedThrough))
                {
                    outbox?.Durable(version, events);
                }

                return entries;
            }

            if (attempt == LoadAttemptsMax)
            {
                throw new InvalidOperationException($"Line {accountId} could not be read consistently: its head is at version {headRow.Version}, its journal reads to {book.Version}.");
            }
        }
    }

    /// <summary>
    /// True when the journal since the last snapshot is at least as large as that snapshot (and the floor), or has reached
    /// the ceiling: a line with a huge state keeps a bounded journal and pays with more frequent snapshots, but never
    /// rewrites its state for less than 1/<c>SnapshotRewriteRatioMax</c> of it in journal.
    /// </summary>
    public bool WantsSnapshot(long version) =>
        snapshotWrite is not { IsCompleted: false } && journalBytes >= SnapshotThreshold(stored.SerializedBytes, options);

    /// <summary>The journal bytes after which a line whose last snapshot was <paramref name="snapshotBytes"/> writes the next.</summary>
    public static long SnapshotThreshold(long snapshotBytes, SwitchOptions options) => Math.Max(
        Math.Min(Math.Max(snapshotBytes, options.SnapshotJournalBytesMin), options.SnapshotJournalBytesMax),
        snapshotBytes / options.SnapshotRewriteRatioMax);

    /// <summary>
    /// Appends the entry to the commit log (it fails if that version exists: another activation wrote it). A full image of
    /// the same version, when given, is written afterwards off the caller's turn; its failure loses nothing.
    /// </summary>
    public async Task Write(AccountImage changes, AccountImage? image)
    {
        // Not `journalBytes += await …`: that reads the count before the append and would write back over a reset made
        // meanwhile by a finished snapshot, so the line would snapshot again after every entry.
        var appended = await head.Append(changes);
        journalBytes += appended;
        outbox?.Durable(changes.Version, changes.Events);
        if (image is not null)
        {
            snapshotWrite = WriteSnapshot(image, snapshotWrite);
        }
    }

    /// <inheritdoc cref="LineHead.IsCurrent"/>
    public Task<bool> IsCurrent() => head.IsCurrent();

    /// <summary>Completes when no snapshot write or journal pruning is under way.</summary>
    public Task Settled() => snapshotWrite ?? Task.CompletedTask;

    /// <summary>The id the line's snapshot is stored under.</summary>
    public static GrainId SnapshotIdOf(string accountId) => GrainId.Create("btssnapshot", accountId);

    private GrainId SnapshotId() => SnapshotIdOf(accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: snapshot at version {Version} or its journal pruning failed; the journal still holds every batch")]
    private partial void LogSnapshotFailed(Exception exception, string accountId, long version);
}
