namespace BaiTiaoSwitch.Storage;

/// <summary>Names of the Orleans storage providers the switch uses.</summary>
public static class StorageNames
{
    /// <summary>Azure Table: one insert-only entity per account journal batch.</summary>
    public const string Journal = "bts-journal";

    /// <summary>Azure Blob: periodic full snapshots of accounts, and archived authorization segments.</summary>
    public const string Snapshots = "bts-snapshots";

    /// <summary>Azure Table: cards, grants, indexes and other small grain states.</summary>
    public const string Entities = "bts-entities";
}
