namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// The account's copies of its cards' and grants' status and limits, which every decision reads. A copy is replaced
/// only by a newer revision, so a late, stale push can never undo a newer change (a revoke stays). A push of the
/// revision already held changes nothing and journals nothing: a revision changes whenever status or limits do, so
/// it is the same copy (a card or grant read again after its activation ended pushes it again).
/// </summary>
public static class PolicyCopies
{
    public static void Upsert(AccountBook book, CardPolicy policy)
    {
        if (book.Cards.Find(policy.CardId) is not { } current || current.Revision < policy.Revision)
        {
            book.Cards.Set(policy.CardId, policy);
        }
    }

    public static void Upsert(AccountBook book, GrantPolicy policy)
    {
        if (book.Grants.Find(policy.GrantId) is not { } current || current.Revision < policy.Revision)
        {
            book.Grants.Set(policy.GrantId, policy);
        }
    }
}
