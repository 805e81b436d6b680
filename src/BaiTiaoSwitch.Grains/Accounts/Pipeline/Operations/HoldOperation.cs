using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// An operation on an existing authorization of the line (increment, capture, reverse, refund): it finds the
/// authorization as the caller may see it, bringing it back from the archive if needed, before it decides.
/// </summary>
public abstract class HoldOperation<TResult>(AuthorizationLocator locator, string authorizationId, Money? amount) : AccountOperation<TResult>
{
    protected string AuthorizationId { get; } = Ids.Require(authorizationId, "authorizationId");

    protected AuthorizationRecord Authorization { get; private set; } = null!;

    public override async ValueTask Prepare(AccountBook book, Caller caller)
    {
        LineChecks.RequireOpened(book);
        if (amount is { } money)
        {
            LineChecks.RequireCurrency(book, money, "amount");
        }

        Authorization = await locator.Find(caller, AuthorizationId, restore: true);
    }
}

public sealed class IncrementOperation(AuthorizationLocator locator, string authorizationId, Money? amount)
    : HoldOperation<Authorization>(locator, authorizationId, MoneyRules.RequirePositive(amount, "amount"))
{
    private readonly long amount = amount!.Value.Amount;

    public override OperationKind Kind => OperationKind.Increment;

    public override string Fingerprint => FingerprintOf(AuthorizationId, amount);

    public override Authorization Decide(DecisionContext context)
    {
        var record = Holds.Increment(context.Book, Authorization, amount, context.Now);
        Telemetry.SwitchMetrics.RecordDecision(record.Reason);
        var view = record.ToView(context.Book.Currency);
        return record.Reason is null ? view : view with { Decision = Decision.Declined };
    }

    public override IdempotencyRecord ToRecord(string scope, Authorization result, DateTimeOffset now) => new(scope, Kind, Fingerprint, now, result, null, null);

    public override Authorization FromRecord(IdempotencyRecord record) => record.Authorization!;
}

public sealed class ReverseOperation(AuthorizationLocator locator, string authorizationId, Money? amount)
    : HoldOperation<Authorization>(locator, authorizationId, amount is null ? null : MoneyRules.RequirePositive(amount, "amount"))
{
    private readonly long? amount = amount?.Amount;

    public override OperationKind Kind => OperationKind.Reverse;

    public override string Fingerprint => FingerprintOf(AuthorizationId, amount ?? -1);

    public override Authorization Decide(DecisionContext context) =>
        Holds.Reverse(context.Book, Authorization, amount, context.Now).ToView(context.Book.Currency);

    public override IdempotencyRecord ToRecord(string scope, Authorization result, DateTimeOffset now) => new(scope, Kind, Fingerprint, now, result, null, null);

    public override Authorization FromRecord(IdempotencyRecord record) => record.Authorization!;
}
