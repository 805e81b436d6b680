using BaiTiaoSwitch.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace BaiTiaoSwitch.Storage;

/// <summary>
/// Durable form of a credit line: a snapshot (blob) plus an append-only journal of batches (one table entity per
/// version). Appending is insert-only, so two activations of one account can never both write the same version:
/// the loser's write fails and it deactivates (split-brain fencing). Snapshots are ETag-conditional for the same reason.
/// </summary>
public sealed class AccountJournal(string accountId, IServiceProvider services)
{
    private const string EntryState = "journal";
    private const string SnapshotState = "snapshot";
    private readonly IGrainStorage journal = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Journal);
    private readonly IGrainStorage snapshots = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Snapshots);
    private readonly GrainState<AccountImage> snapshot = new(new AccountImage());

    public long SnapshotVersion => snapshot.State!.Version;

    /// <summary>Reads the snapshot and every journal entry after it into <paramref name="book"/>.</summary>
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

    /// <summary>Inserts the entry for <see cref="AccountImage.Version"/>. Throws if that version already exists.</summary>
    public Task Append(AccountImage changes) =>
        journal.WriteStateAsync(EntryState, EntryId(changes.Version), new GrainState<AccountImage>(changes, null));

    /// <summary>Replaces the snapshot, conditional on the snapshot this activation last read or wrote.</summary>
    public async Task WriteSnapshot(AccountImage image)
    {
        var next = new GrainState<AccountImage>(image, snapshot.ETag) { RecordExists = snapshot.RecordExists };
        // Serializing a whole line takes long; the image is an immutable copy, so it is written off the grain's turn
        // and payments go on meanwhile. The continuation comes back to the grain.
        var id = SnapshotId();
        await Task.Run(() => snapshots.WriteStateAsync(SnapshotState, id, next));
        snapshot.State = image;
        snapshot.ETag = next.ETag;
        snapshot.RecordExists = true;
    }

    private GrainId EntryId(long version) => GrainId.Create("btsjournal", $"{accountId}.{version:D12}");

    private GrainId SnapshotId() => GrainId.Create("btssnapshot", accountId);
}
