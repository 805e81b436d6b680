namespace BaiTiaoSwitch.Storage;

/// <summary>Names of the stores the switch uses (the Orleans storage providers, and the commit log).</summary>
public static class StorageNames
{
    /// <summary>The commit log (Azure Tables <c>{prefix}commitlog{shard}</c>, one per shard): every line's journal entries, in shard transactions.</summary>
    public const string Journal = "bts-journal";

    /// <summary>Azure Blob: periodic full snapshots of accounts, and archived authorization segments.</summary>
    public const string Snapshots = "bts-snapshots";

    /// <summary>Azure Blob: grain records one request each (HTTP answers, nonces, bindings, credit, rules).</summary>
    public const string Entities = "bts-entities";

    /// <summary>Azure Table <c>{prefix}records</c>: cards, grants and index entries, in shard transactions across grains.</summary>
    public const string Records = "bts-records";
}
