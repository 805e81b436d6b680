namespace BaiTiaoSwitch.Credit;

// Intents: a plan or a repayment is stored before the account is asked, and finished (plan kept, allocation applied,
// answer kept, intent gone) in one write once the account answers. The same account key every time, so the account
// applies it once whoever drives it.
public sealed partial class AccountCreditGrain
{
    private async Task<CreditAnswer> Drive(CreditIntent intent, CreditLine line)
    {
        try
        {
            return intent.Kind == CreditIntentKind.Plan ? await FinishPlan(intent) : await FinishRepayment(intent, line);
        }
        catch (SwitchException refused) when (!refused.IsRetryable)
        {
            await Commit(staged => staged.Intents.RemoveAll(kept => kept.Scope == intent.Scope));
            throw;
        }
    }

    private async Task<CreditAnswer> FinishPlan(CreditIntent intent)
    {
        var plan = intent.Plan!;
        var moved = await Account.MoveToInstallments(intent.AccountKey, plan.CaptureId, plan.PlanId, plan.Principal);
        var answer = new CreditAnswer(intent.Scope, intent.Fingerprint, plan.PlanId, null);
        await Commit(staged =>
        {
            staged.Intents.RemoveAll(kept => kept.Scope == intent.Scope);
            if (!staged.Plans.Any(entry => entry.Plan.PlanId == plan.PlanId))
            {
                staged.Plans.Add(new PlanEntry { Plan = plan });
                if (moved.Correction)
                {
                    PlanProgress.MovedOffStatements(staged, moved.Principal);
                }
            }

            KeepAnswer(staged, answer);
        });
        return answer;
    }

    private async Task<CreditAnswer> FinishRepayment(CreditIntent intent, CreditLine line)
    {
        var applied = await Account.Repay(intent.AccountKey, intent.Amount, intent.Owed!);
        var repayment = new Repayment(applied.RepaymentId, AccountId, new Money(applied.Amount, line.Currency), applied.Allocation.Allocated, applied.At);
        var answer = new CreditAnswer(intent.Scope, intent.Fingerprint, null, repayment);
        await Commit(staged =>
        {
            staged.Intents.RemoveAll(kept => kept.Scope == intent.Scope);
            OwedItems.Apply(staged, applied.Allocation);
            KeepAnswer(staged, answer);
        });
        return answer;
    }
}
