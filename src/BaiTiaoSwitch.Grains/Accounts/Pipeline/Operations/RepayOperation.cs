using BaiTiaoSwitch.Credit;

namespace BaiTiaoSwitch.Accounts;

/// <summary>A repayment (<see cref="LineRepayments.Repay"/>); its id comes from the request's key, so a retry names the same one.</summary>
public sealed class RepayOperation : AccountOperation<RepaymentApplied>
{
    private readonly long amount;
    private readonly RepaymentOwed owed;

    public RepayOperation(long amount, RepaymentOwed? owedExceptUnbilled)
    {
        this.amount = amount is >= 1 and <= Money.AmountMax
            ? amount
            : throw new InvalidRequestException(ErrorCodes.InvalidAmount, $"'amount.amount' must be an integer from 1 to {Money.AmountMax} minor units.");
        owed = owedExceptUnbilled ?? throw new InvalidRequestException(ErrorCodes.InvalidRequest, "'owed' is required.");
        if (owed.InOrder().Any(bucket => bucket.Items is null || bucket.Items.Any(item => item is null || item.Reference is null || item.Amount is < 0 or > Money.AmountMax)))
        {
            throw new InvalidRequestException(ErrorCodes.InvalidRequest, $"Every owed item needs a reference and an amount from 0 to {Money.AmountMax}.");
        }
    }

    public override OperationKind Kind => OperationKind.Repay;

    /// <summary>The amount only: the credit grain resends a repayment's intent with its key and may send fresher owed figures; the recorded answer stands.</summary>
    public override string Fingerprint => FingerprintOf("repay", amount);

    public override ValueTask Prepare(AccountBook book, Caller caller)
    {
        LineChecks.RequireOpened(book);
        return ValueTask.CompletedTask;
    }

    public override RepaymentApplied Decide(DecisionContext context) =>
        LineRepayments.Repay(context.Book, IdOf(context.Book.Header.AccountId, context.Scope), amount, owed, context.Now);

    public override IdempotencyRecord ToRecord(string scope, RepaymentApplied result, DateTimeOffset now) => new(scope, Kind, Fingerprint, now, null, null, null, Repayment: result);

    public override RepaymentApplied FromRecord(IdempotencyRecord record) => record.Repayment!;

    /// <summary>rp_ + 32 hex of a hash of (account, channel, key): the same request always names the same repayment.</summary>
    public static string IdOf(string accountId, string scope) => "rp_" + FingerprintOf("repayment", accountId, scope).ToLowerInvariant();
}
