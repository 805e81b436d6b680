namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// What a line remembers of its stored snapshot: the version it holds, the journal known deleted below it, its
/// serialized size (which paces the next one) and the ETag and existence that make the next write conditional on it.
/// </summary>
public readonly record struct SnapshotMark(long Version, long JournalPrunedThrough, long SerializedBytes, string? ETag, bool Exists)
{
    /// <summary>No snapshot stored yet.</summary>
    public static readonly SnapshotMark None = new(0, 0, 0, null, false);

    public static SnapshotMark Of(GrainState<AccountImage> state) => state.State is { } image
        ? new(image.Version, image.JournalPrunedThrough, image.SerializedBytes, state.ETag, state.RecordExists)
        : None with { ETag = state.ETag, Exists = state.RecordExists };
}
