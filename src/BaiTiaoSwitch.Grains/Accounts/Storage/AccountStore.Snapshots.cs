using Orleans.Storage;

namespace BaiTiaoSwitch.Accounts;

// Snapshots, and the pruning of the journal they cover.
public sealed partial class AccountStore
{
    // The newest version whose events the outbox confirmed published. Journal entries are deleted only up to it, since a
    // restart publishes the unconfirmed ones from the journal.
    private long publishedThrough;

    /// <summary>
    /// The outbox confirmed the events through <paramref name="version"/> published. A snapshot can prune the journal it
    /// covers only as far as was published when it was stored; the entries after that, whose events were still going out
    /// (the outbox lingers to pack several entries into one message), are deleted once they are published, so a line
    /// that goes quiet right after a snapshot keeps no row its snapshot covers.
    /// </summary>
    public void Published(long version)
    {
        publishedThrough = Math.Max(publishedThrough, version);

        // A snapshot or pruning under way looks again when it ends.
        if (snapshotWrite is not { IsCompleted: false } && Prunable > PrunedThrough)
        {
            snapshotWrite = PruneCovered();
        }
    }

    private long Prunable => Math.Min(stored.Version, publishedThrough);

    private async Task WriteSnapshot(AccountImage image, Task? previous)
    {
        if (previous is not null)
        {
            // A pruning still under way ends first: the image records how far the journal is known deleted.
            await previous;
        }

        try
        {
            image.JournalPrunedThrough = PrunedThrough;

            // Serializing a whole line takes long; the image is an immutable copy, so it is written off the grain's turn
            // while payments go on. The snapshot store's serializer tells the image its size (SnapshotSizeSerializer);
            // a store without it (tests' in-memory storage) has it measured here.
            var id = SnapshotId();
            var next = new GrainState<AccountImage>(image, stored.ETag) { RecordExists = stored.Exists };
            image.SerializedBytes = 0;
            await Task.Run(async () =>
            {
                await snapshots.WriteStateAsync(SnapshotState, id, next);
                if (image.SerializedBytes == 0)
                {
                    image.SerializedBytes = serializer.SerializeToArray(image).Length;
                }
            });
            stored = SnapshotMark.Of(next);
            journalBytes = 0;
            publishedThrough = Math.Max(publishedThrough, image.Header!.EventsPublishedThrough);
            await PruneCovered();
        }
        catch (Exception exception)
        {
            LogSnapshotFailed(exception, accountId, image.Version);
            await Reread();
        }
    }

    /// <summary>Deletes the journal the stored snapshot covers and whose events are published, until nothing is left to delete.</summary>
    private async Task PruneCovered()
    {
        try
        {
            // Looks again after each delete: the outbox may have published more meanwhile.
            while (Prunable > PrunedThrough)
            {
                var through = Prunable;
                await log.Delete(accountId, PrunedThrough + 1, through);
                stored = stored with { JournalPrunedThrough = Math.Max(PrunedThrough, through) };
            }
        }
        catch (Exception exception)
        {
            // What was not deleted is deleted after the next snapshot; the journal still holds every entry meanwhile.
            LogSnapshotFailed(exception, accountId, stored.Version);
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
            var read = new GrainState<AccountImage>(new AccountImage());
            await snapshots.ReadStateAsync(SnapshotState, SnapshotId(), read, CancellationToken.None);
            stored = SnapshotMark.Of(read);
        }
        catch (Exception exception)
        {
            LogSnapshotFailed(exception, accountId, SnapshotVersion);
        }
    }
}
