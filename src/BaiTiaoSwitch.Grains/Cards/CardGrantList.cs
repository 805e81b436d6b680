namespace BaiTiaoSwitch.Cards;

/// <summary>
/// The grants a card keeps: a hot list of those that may still approve (pending, active, suspended), bounded by
/// <c>CardGrantsMax</c>, and a history of the most recently ended (revoked, expired), bounded by
/// <c>CardEndedGrantsMax</c>. Ended grants are retired from the hot list each time a grant is made, so the hot list
/// holds only live grants after every creation. The card lists both; a grant that left the history is found by id only.
/// </summary>
public static class CardGrantList
{
    public static bool Knows(CardState state, string grantId) => state.GrantIds.Contains(grantId) || state.EndedGrantIds.Contains(grantId);

    /// <summary>Live grants first, in the order they were made; then the ended ones, in the order they ended.</summary>
    public static IEnumerable<string> Listed(CardState state) => state.GrantIds.Concat(state.EndedGrantIds);

    /// <summary>Moves <paramref name="ended"/> from the hot list of a staged copy to its history, oldest history leaving first.</summary>
    public static void Retire(CardState staged, IReadOnlyCollection<string> ended, int endedMax)
    {
        staged.GrantIds.RemoveAll(ended.Contains);
        staged.EndedGrantIds.RemoveAll(ended.Contains);
        staged.EndedGrantIds.AddRange(ended);
        var excess = staged.EndedGrantIds.Count - endedMax;
        if (excess > 0)
        {
            staged.EndedGrantIds.RemoveRange(0, excess);
        }
    }
}
