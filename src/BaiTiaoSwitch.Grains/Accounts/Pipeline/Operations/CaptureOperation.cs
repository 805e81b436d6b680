using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Accounts;

public sealed class CaptureOperation(AuthorizationLocator locator, string authorizationId, Money? amount, bool final)
    : HoldOperation<Capture>(locator, authorizationId, MoneyRules.RequirePositive(amount, "amount"))
{
    private readonly long amount = amount!.Value.Amount;

    public override OperationKind Kind => OperationKind.Capture;

    public override string Fingerprint => FingerprintOf(AuthorizationId, amount, final ? "final" : "partial");

    /// <summary>The alert the decision raised, if it forced a posting (for the grain to log).</summary>
    public AccountAlert? Alert { get; private set; }

    public override Capture Decide(DecisionContext context)
    {
        var result = Captures.Capture(context.Book, Authorization, amount, final, context.Now);
        Alert = result.Alert;
        if (result.Alert is { } alert)
        {
            Events.LineEvents.Raised(context.Book, alert);
        }

        return result.Capture.ToView(AuthorizationId, context.Book.Currency);
    }

    public override IdempotencyRecord ToRecord(string scope, Capture result, DateTimeOffset now) => new(scope, Kind, Fingerprint, now, null, result, null);

    public override Capture FromRecord(IdempotencyRecord record) => record.Capture!;
}

public sealed class RefundOperation(AuthorizationLocator locator, string captureId, Money? amount)
    : HoldOperation<Refund>(locator, AuthorizationOf(captureId), MoneyRules.RequirePositive(amount, "amount"))
{
    private readonly string captureId = captureId;
    private readonly long amount = amount!.Value.Amount;

    public override OperationKind Kind => OperationKind.Refund;

    public override string Fingerprint => FingerprintOf(captureId, amount);

    public override Refund Decide(DecisionContext context) => Captures.Refund(context.Book, Authorization, captureId, amount, context.Now).Refund;

    public override IdempotencyRecord ToRecord(string scope, Refund result, DateTimeOffset now) => new(scope, Kind, Fingerprint, now, null, null, result);

    public override Refund FromRecord(IdempotencyRecord record) => record.Refund!;

    private static string AuthorizationOf(string captureId) =>
        PaymentIds.AuthorizationIdOfCapture(Ids.Require(captureId, "captureId")) ?? throw new NotFoundException("No such capture.");
}
