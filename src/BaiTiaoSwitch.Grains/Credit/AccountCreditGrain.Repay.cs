using BaiTiaoSwitch.Lifecycle;

namespace BaiTiaoSwitch.Credit;

// Repayments and the sandbox clock.
public sealed partial class AccountCreditGrain
{
    public async Task<Repayment> Repay(string idempotencyKey, Money amount)
    {
        AsSwitch();
        var scope = ScopeOf(idempotencyKey);
        var money = MoneyRules.RequirePositive(amount, "amount");
        var fingerprint = LifecycleAnswer.FingerprintOf("credit.repay", money.Amount, money.Currency);
        var (line, calendar) = await Prepare();
        if (AnswerOf(scope, fingerprint) is { Repayment: { } answered })
        {
            return answered;
        }

        if (money.Currency != line.Currency)
        {
            throw new InvalidRequestException(ErrorCodes.CurrencyNotSupported, $"The line is in {line.Currency}; repay in it.");
        }

        var owed = OwedItems.Of(State, calendar);
        var unbilled = Math.Max(0, checked(line.Use.Revolving - State.StatementBalanceOwed));
        var total = checked(owed.Total + unbilled);
        if (money.Amount > total)
        {
            throw new OperationRejectedException(ErrorCodes.RepaymentExceedsBalance, $"The repayment of {money.Amount} is more than the {total} owed on the line; repay at most what is owed.");
        }

        await ClaimKey(idempotencyKey, fingerprint);
        var intent = new CreditIntent(CreditIntentKind.Repayment, scope, fingerprint, AccountKeyOf(scope), null, money.Amount, owed);
        await Commit(staged => staged.Intents.Add(intent));
        var repayment = (await Drive(intent, line)).Repayment!;
        await TryArchive(line, calendar);
        return repayment;
    }

    public async Task<SandboxClock> AdvanceClock(string idempotencyKey, long advanceSeconds)
    {
        AsSwitch();
        var scope = ScopeOf(idempotencyKey);
        if (!sandbox)
        {
            throw new NotFoundException("No such route: the account clock exists only in sandbox mode.");
        }

        if (advanceSeconds < 1 || advanceSeconds > (long)advanceMax.TotalSeconds)
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"'advanceSeconds' must be from 1 to {(long)advanceMax.TotalSeconds} (the clock moves forward only).");
        }

        // The account answers a retry with the same now (its key is derived from this one), so no answer is kept here.
        await ClaimKey(idempotencyKey, LifecycleAnswer.FingerprintOf("credit.clock", advanceSeconds), keepsAnswer: false);
        var now = await Account.AdvanceClock(AccountKeyOf(scope), advanceSeconds);
        await Prepare();
        return new SandboxClock(AccountId, now);
    }
}
