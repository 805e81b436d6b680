namespace BaiTiaoSwitch.Lifecycle;

/// <summary>A card's or grant's state that keeps the answers to its recent keyed lifecycle requests.</summary>
public interface IKeepsRecentAnswers
{
    /// <summary>Oldest first; at most <c>SwitchOptions.LifecycleAnswersMax</c>.</summary>
    List<LifecycleAnswer> Answers { get; }

    /// <summary>How many answers ever left the list to keep it bounded: once any has, a missing answer proves nothing.</summary>
    long AnswersDropped { get; set; }
}

/// <summary>The bounded list of recent answers: the newest <c>answersMax</c> are kept, the oldest leave first.</summary>
public static class RecentAnswers
{
    public static LifecycleAnswer? Find(IKeepsRecentAnswers state, string scope) =>
        state.Answers.FindLast(answer => string.Equals(answer.Scope, scope, StringComparison.Ordinal));

    /// <summary>Adds <paramref name="answer"/> to a staged copy of the state, dropping the oldest beyond the bound.</summary>
    public static void Add(IKeepsRecentAnswers staged, LifecycleAnswer answer, int answersMax)
    {
        staged.Answers.Add(answer);
        var excess = staged.Answers.Count - answersMax;
        if (excess > 0)
        {
            staged.Answers.RemoveRange(0, excess);
            staged.AnswersDropped += excess;
        }
    }
}
