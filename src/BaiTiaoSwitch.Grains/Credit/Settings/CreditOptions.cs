namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The bounds of each account's credit grain. The terms in force are the switch's (<c>SwitchOptions.CreditTerms</c>),
/// the same the account reads.
/// </summary>
public sealed class CreditOptions
{
    /// <summary>Statements kept in the credit grain's hot state; older paid ones (and, past this, the oldest) go to the archive.</summary>
    public int StatementsHotMax { get; set; } = 13;

    /// <summary>Active plans a line may have at once (the plans not yet paid off stay in hot state).</summary>
    public int ActivePlansMax { get; set; } = 100;

    /// <summary>Answers of repayments and plan creations kept in hot state, so a retry with the same key gets the same answer.</summary>
    public int AnswersMax { get; set; } = 256;

    /// <summary>Statements a listing returns at most, newest first.</summary>
    public int StatementsListedMax { get; set; } = 60;

    /// <summary>How often the credit grain's reminder runs what came due (cuts, late fees) and re-drives unfinished intents.</summary>
    public TimeSpan DuePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a credit operation waits for its reminder's registration before it goes on (the registration goes on
    /// beside it, and a later operation or activation tries again if it failed).
    /// </summary>
    public TimeSpan ReminderWaitMax { get; set; } = TimeSpan.FromSeconds(2);
}
