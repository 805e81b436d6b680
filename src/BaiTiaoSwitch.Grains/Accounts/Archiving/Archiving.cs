using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// Which closed authorizations leave hot state for the archive: those closed longer than
/// <c>ClosedAuthorizationRetention</c>, and the oldest beyond <c>ClosedAuthorizationsHotMax</c>, so hot state stays
/// bounded whatever the rate. Moving is two-phase: write them to the archive, then remove each one that did not
/// change meanwhile (a changed one stays and goes in a later pass).
/// </summary>
public static class Archiving
{
    public static bool IsBehind(AccountBook book) => book.ClosedInHot > book.Options.ClosedAuthorizationsHotMax;

    /// <summary>The records due for the archive, oldest first, at most <paramref name="countMax"/>.</summary>
    public static IReadOnlyList<AuthorizationRecord> Due(AccountBook book, DateTimeOffset now, int countMax)
    {
        var retention = book.Options.ClosedAuthorizationRetention;
        var closed = book.Authorizations.Values.Where(record => record.Status != AuthorizationStatus.Pending).OrderBy(record => record.Sequence).ToList();
        var overCount = closed.Count - book.Options.ClosedAuthorizationsHotMax;
        return closed.Where((record, index) => index < overCount || record.ClosedAt + retention <= now).Take(countMax).ToList();
    }

    public static void Remove(AccountBook book, IEnumerable<AuthorizationRecord> archived)
    {
        foreach (var record in archived)
        {
            if (book.Authorizations.TryGetValue(record.AuthorizationId, out var current) && current == record)
            {
                book.Remove(record);
            }
        }
    }

    /// <summary>Brings an archived record back into hot state (a late refund on an old capture).</summary>
    public static AuthorizationRecord Restore(AccountBook book, AuthorizationRecord archived)
    {
        if (book.Authorizations.TryGetValue(archived.AuthorizationId, out var current))
        {
            return current;
        }

        book.Put(archived);
        return archived;
    }
}
