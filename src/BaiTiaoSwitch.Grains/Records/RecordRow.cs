namespace BaiTiaoSwitch.Records;

/// <summary>What a change does to its record's row.</summary>
public enum RecordChange
{
    /// <summary>Writes a record that must not exist yet (the store refuses it if it does).</summary>
    Create,

    /// <summary>Writes over the record, conditional on the ETag its writer last saw.</summary>
    Replace,

    /// <summary>Deletes the record, conditional on the ETag its writer last saw.</summary>
    Delete,
}

/// <summary>
/// One change of one record in the record table: partition <c>{serviceId}~{shard}</c>, a row key made of the state name
/// and the grain id, the record in Orleans' binary format, and the ETag the change is conditional on (none to create).
/// </summary>
public sealed record RecordWrite(RecordChange Change, string Partition, string RowKey, byte[] Data, string? ETag);

/// <summary>A record as stored, with its ETag.</summary>
public sealed record StoredRecord(byte[] Data, string ETag);

/// <summary>
/// One change of a transaction was refused by its condition (the record exists, is gone, or was written since its ETag):
/// the transaction stored nothing, and that change must not be retried as it is.
/// </summary>
public sealed class RecordRefusedException(int index, Exception? inner = null)
    : Exception($"Change {index} of the record transaction was refused by its condition.", inner)
{
    public int Index { get; } = index;
}

/// <summary>The record table: entity-group transactions of one partition, and point reads.</summary>
public interface IRecordRows
{
    /// <summary>
    /// Applies every change in one transaction (all or nothing) and returns each change's new ETag (null for a delete).
    /// Throws <see cref="RecordRefusedException"/> when a change's condition fails.
    /// </summary>
    Task<IReadOnlyList<string?>> Submit(string partition, IReadOnlyList<RecordWrite> changes, CancellationToken cancellationToken = default);

    /// <summary>The record, or null when there is none.</summary>
    Task<StoredRecord?> Read(string partition, string rowKey, CancellationToken cancellationToken = default);
}
