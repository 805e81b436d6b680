namespace BaiTiaoSwitch.Storage;

/// <summary>Names of the stores the switch uses (the Orleans storage providers, and the commit log).</summary>
public static class StorageNames
{
    /// <summary>The commit log (Azure Table <c>{prefix}commitlog</c>): every line's journal entries, in shard transactions.</summary>
    public const string Journal = "bts-journal";

    /// <summary>Azure Blob: periodic full snapshots of accounts, and archived authorization segments.</summary>
    public const string Snapshots = "bts-snapshots";

    /// <summary>Azure Table: cards, grants, indexes and other small grain states.</summary>
    public const string Entities = "bts-entities";
}
