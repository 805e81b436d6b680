namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Key records that left a line's hot state but are still within the key retention. A replay whose record is not in
/// hot state is looked up here, which happens only when the channel's namespace says the key is already this line's.
/// </summary>
public interface IRequestArchive
{
    Task Put(string accountId, IReadOnlyList<IdempotencyRecord> records);

    Task<IdempotencyRecord?> Find(string accountId, string scope);

    /// <summary>Deletes the line's records created before <paramref name="cutoff"/>, at most <paramref name="countMax"/>. Returns how many.</summary>
    Task<int> Sweep(string accountId, DateTimeOffset cutoff, int countMax);
}
