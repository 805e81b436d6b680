using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Client;

// Credit products (issuer): installment plans, statements, repayments, the sandbox clock. Each call goes to the
// account's credit grain; a plan id routes like its capture (through the grant's learned route), a statement id
// embeds its account (or, when the account id is too long, its index grain holds it).
public sealed partial class BaiTiaoSwitchClient
{
    /// <summary>Turns capture <paramref name="captureId"/> into an installment plan of 3, 6, 12 or 24 periods.</summary>
    public Task<InstallmentPlan> CreateInstallmentPlanAsync(string captureId, int periods, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        Ids.Require(captureId, "captureId");
        return calls.Write(Key(options), async key => await (await CreditOfPayment(captureId).ConfigureAwait(false)).CreateInstallmentPlan(key, captureId, periods).ConfigureAwait(false),
            static (plan, _) => plan, cancellationToken);
    }

    public Task<InstallmentPlan> GetInstallmentPlanAsync(string planId, CancellationToken cancellationToken = default)
    {
        var captureId = CreditIds.CaptureOfPlan(Ids.Require(planId, "planId")) ?? throw new NotFoundException("No such installment plan.");
        return calls.Read(async () => await (await CreditOfPayment(captureId).ConfigureAwait(false)).GetInstallmentPlan(planId).ConfigureAwait(false), cancellationToken);
    }

    /// <summary>The account's statements, newest first.</summary>
    public Task<IReadOnlyList<Statement>> ListStatementsAsync(string accountId, CancellationToken cancellationToken = default) =>
        calls.Read(() => Credit(accountId).ListStatements(), cancellationToken);

    public Task<Statement> GetStatementAsync(string statementId, CancellationToken cancellationToken = default)
    {
        Ids.Require(statementId, "statementId");
        return calls.Read(async () => await Credit(await AccountOfStatement(statementId).ConfigureAwait(false)).GetStatement(statementId).ConfigureAwait(false), cancellationToken);
    }

    /// <summary>Pays <paramref name="amount"/> off what the account owes, in API.md's order (late fees first, unbilled last).</summary>
    public Task<Repayment> RepayAsync(string accountId, Money amount, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var credit = Credit(accountId);
        return calls.Write(Key(options), key => credit.Repay(key, amount), static (repayment, key) => repayment with { IdempotencyKey = key }, cancellationToken);
    }

    /// <summary>Sandbox only (<c>not_found</c> otherwise): moves the account's clock forward and runs what came due.</summary>
    public Task<SandboxClock> AdvanceSandboxClockAsync(string accountId, long advanceSeconds, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var credit = Credit(accountId);
        return calls.Write(Key(options), key => credit.AdvanceClock(key, advanceSeconds), static (clock, _) => clock, cancellationToken);
    }

    private IAccountCreditGrain Credit(string? accountId) => grains.GetGrain<IAccountCreditGrain>(Ids.Require(accountId, "accountId"));

    private async Task<IAccountCreditGrain> CreditOfPayment(string captureId) =>
        Credit((await Route(PaymentRoutes.GrantOf(captureId)).ConfigureAwait(false)).AccountId);

    private async Task<string> AccountOfStatement(string statementId) =>
        CreditIds.AccountOfStatement(statementId)
        ?? (CreditIds.IsIndexed(statementId)
            ? await grains.GetGrain<IStatementIndexGrain>(statementId).AccountOf().ConfigureAwait(false)
            : throw new NotFoundException("No such statement."));
}
