namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Where a line's batches go, one way: the committer hands over each batch (and, when the store asks for one, a full
/// image of the same version) and waits for it to be durable. The store owns the journal and the snapshot cadence.
/// </summary>
public interface IAccountStore
{
    /// <summary>True when the batch of <paramref name="version"/> should also be written as a full snapshot.</summary>
    bool WantsSnapshot(long version);

    /// <summary>Makes the batch durable, or throws (then nothing decided on top of it may be acknowledged).</summary>
    Task Write(AccountImage changes, AccountImage? image);

    /// <summary>
    /// True when no other activation of the line has written since this one last did (a read of the commit log's head,
    /// never overlapping this activation's own writes): what this activation holds includes every acknowledged change.
    /// </summary>
    Task<bool> IsCurrent();
}
