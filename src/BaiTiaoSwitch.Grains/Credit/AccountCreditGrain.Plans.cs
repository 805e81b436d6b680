using BaiTiaoSwitch.Lifecycle;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Credit;

// Installment plans: made on one capture of this line (one plan per capture), checked in full (periods offered,
// eligibility, APR cap) before anything is written.
public sealed partial class AccountCreditGrain
{
    public async Task<InstallmentPlan> CreateInstallmentPlan(string idempotencyKey, string captureId, int periods)
    {
        AsSwitch();
        var scope = ScopeOf(idempotencyKey);
        var authorizationId = PaymentIds.AuthorizationIdOfCapture(Ids.Require(captureId, "captureId")) ?? throw new NotFoundException("No such capture.");
        var fingerprint = LifecycleAnswer.FingerprintOf("credit.plan", captureId, periods);
        var (line, calendar) = await Prepare();
        if (AnswerOf(scope, fingerprint) is { PlanId: { } answered })
        {
            return await FindPlan(answered) ?? throw new NotFoundException("No such installment plan.");
        }

        var planId = CreditIds.Plan(captureId);
        if (State.Plans.Any(entry => entry.Plan.CaptureId == captureId) || line.Plans.Any(plan => plan.CaptureId == captureId)
            || State.Intents.Any(intent => intent.Plan?.CaptureId == captureId) || await Archived(planId) is not null)
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, "The capture is already on an installment plan; a capture can be on one plan only.");
        }

        if (State.Plans.Count >= options.ActivePlansMax)
        {
            throw new OperationRejectedException(ErrorCodes.InvalidTransition, $"The line already has {options.ActivePlansMax} active installment plans, the most it may have; pay one off first.");
        }

        var capture = (await Account.GetAuthorization(authorizationId)).Captures.FirstOrDefault(kept => kept.CaptureId == captureId)
            ?? throw new NotFoundException("No such capture.");
        InstallmentPlans.RequireEligible(capture.CreatedAt, line.Now, calendar);
        var principal = checked(capture.Amount.Amount - capture.Refunded.Amount);
        var plan = InstallmentPlans.Make(planId, captureId, AccountId, line.Currency, principal, periods, Terms, calendar, line.Now);

        // Checked in full: only now is anything written (the key's claim, then the intent).
        await ClaimKey(idempotencyKey, fingerprint);
        var intent = new CreditIntent(CreditIntentKind.Plan, scope, fingerprint, AccountKeyOf(scope), plan, principal, null);
        await Commit(staged => staged.Intents.Add(intent));
        await Drive(intent, line);
        return plan;
    }

    public async Task<InstallmentPlan> GetInstallmentPlan(string planId)
    {
        AsSwitch();
        Ids.Require(planId, "planId");
        await Prepare();
        return await FindPlan(planId) ?? throw new NotFoundException("No such installment plan.");
    }

    private async Task<InstallmentPlan?> FindPlan(string planId) =>
        State.Plans.FirstOrDefault(entry => entry.Plan.PlanId == planId)?.Plan ?? await Archived(planId);

    private async Task<InstallmentPlan?> Archived(string planId) =>
        await GrainFactory.GetGrain<ICreditArchiveGrain>(ICreditArchiveGrain.PlanKey(AccountId, planId)).Plan();
}
