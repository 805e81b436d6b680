namespace BaiTiaoSwitch.Credit;

/// <summary>
/// The credit products of one account (key = account id): its installment plans, statements, late fees and
/// repayments. The account grain stays the one writer of the line; this grain keeps the plans and statements and asks
/// the account for every change of the line. Before every operation it catches up with the account's clock: every
/// statement cut, due date and late-fee day that came due runs, in order, exactly once.
/// </summary>
public interface IAccountCreditGrain : IGrainWithStringKey
{
    /// <summary>Turns a capture of this account into an installment plan of <paramref name="periods"/> periods.</summary>
    [IssuerOnly]
    Task<InstallmentPlan> CreateInstallmentPlan(string idempotencyKey, string captureId, int periods);

    [IssuerOnly]
    Task<InstallmentPlan> GetInstallmentPlan(string planId);

    /// <summary>The account's statements, newest first.</summary>
    [IssuerOnly]
    Task<IReadOnlyList<Statement>> ListStatements();

    [IssuerOnly]
    Task<Statement> GetStatement(string statementId);

    /// <summary>Pays off what is owed, in API.md's order; more than is owed is <c>repayment_exceeds_balance</c>.</summary>
    [IssuerOnly]
    Task<Repayment> Repay(string idempotencyKey, Money amount);

    /// <summary>Sandbox only: moves the account's clock forward and runs everything that came due, in order.</summary>
    [IssuerOnly]
    Task<SandboxClock> AdvanceClock(string idempotencyKey, long advanceSeconds);

    /// <summary>Runs what came due (cuts, due dates, late fees) and re-drives unfinished intents: the reminder's call.</summary>
    [ClusterInternal]
    Task RunDue();
}
