using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Accounts;

// Credit products: the line's side of installment plans, repayments, statement cuts and the sandbox clock. Called only
// by the line's credit grain; each mutation goes through the money pipeline with its key.
public sealed partial class CreditAccountGrain
{
    public async Task<CreditLine> ReadCreditLine()
    {
        LineChecks.RequireOpened(book);

        // Taken before waiting, so the answer shows only what is durable when it is given.
        var line = CreditLineView.Of(book, pipeline.Now);
        await pipeline.Durable();
        return line;
    }

    public Task<PlanPrincipalMoved> MoveToInstallments(string idempotencyKey, string captureId, string planId, long expectedPrincipal) =>
        Run(idempotencyKey, new MoveToInstallmentsOperation(locator, captureId, planId, expectedPrincipal));

    public Task<RepaymentApplied> Repay(string idempotencyKey, long amount, RepaymentOwed owedExceptUnbilled) =>
        Run(idempotencyKey, new RepayOperation(amount, owedExceptUnbilled));

    public Task AcknowledgeCut(string idempotencyKey, DateOnly cutDate, IReadOnlyList<PlanBilled> planPrincipalBilled, long planRefundsThroughSeq) =>
        Run(idempotencyKey, new AcknowledgeCutOperation(cutDate, planPrincipalBilled, planRefundsThroughSeq));

    public async Task<DateTimeOffset> AdvanceClock(string idempotencyKey, long advanceSeconds)
    {
        if (!sandbox)
        {
            throw new NotFoundException("No such route: the account clock exists only in sandbox mode.");
        }

        var now = await Run(idempotencyKey, new AdvanceClockOperation(advanceSeconds, book.Options.SandboxClockAdvanceMax));

        // Holds past the new now beyond one sweep batch expire before the answer, in batches.
        await ExpireHolds();
        return now;
    }
}
