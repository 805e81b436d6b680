using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Accounts;

// Credit products: the line's side of installment plans, repayments, statement cuts and the sandbox clock.
public sealed partial class CreditAccountGrain
{
    public Task<CreditLine> ReadCreditLine() => throw new NotImplementedException();

    public Task<PlanPrincipalMoved> MoveToInstallments(string idempotencyKey, string captureId, string planId, long expectedPrincipal) =>
        throw new NotImplementedException();

    public Task<RepaymentApplied> Repay(string idempotencyKey, long amount, RepaymentOwed owedExceptUnbilled) => throw new NotImplementedException();

    public Task AcknowledgeCut(string idempotencyKey, DateOnly cutDate, IReadOnlyList<PlanBilled> planPrincipalBilled, long planRefundsThroughSeq) =>
        throw new NotImplementedException();

    public Task<DateTimeOffset> AdvanceClock(string idempotencyKey, long advanceSeconds) => throw new NotImplementedException();
}
