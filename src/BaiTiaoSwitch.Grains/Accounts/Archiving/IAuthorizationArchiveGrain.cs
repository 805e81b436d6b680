namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Closed authorizations that left an account's hot state, in segments of <see cref="SegmentSize"/> sequence numbers.
/// Keyed <c>{accountId}.{segment}</c>. Writes are upserts, so an archived record brought back and archived again lands
/// in the same place.
/// </summary>
public interface IAuthorizationArchiveGrain : IGrainWithStringKey
{
    public const int SegmentSize = 1024;

    [ClusterInternal]
    Task Put(IReadOnlyList<AuthorizationRecord> records);

    [ClusterInternal]
    [Orleans.Concurrency.ReadOnly]
    Task<AuthorizationRecord?> Find(string authorizationId);

    public static string KeyOf(string accountId, long sequence) => $"{accountId}.{sequence / SegmentSize}";
}
