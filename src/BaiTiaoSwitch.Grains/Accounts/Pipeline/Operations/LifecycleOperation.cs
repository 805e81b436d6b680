namespace BaiTiaoSwitch.Accounts;

/// <summary>
/// A change to the line itself (open, freeze, unfreeze, close, credit limit, spend limits): it goes through the same
/// pipeline as money, so it is idempotent by key, durable before it is acknowledged, and its answer shows only state
/// that is durable when it is given.
/// </summary>
public sealed class LifecycleOperation(OperationKind kind, string fingerprint, Action<AccountBook, DateTimeOffset> change, bool requiresOpened = true)
    : AccountOperation<AccountSnapshot>
{
    public override OperationKind Kind => kind;

    public override string Fingerprint => fingerprint;

    public override ValueTask Prepare(AccountBook book, Caller caller)
    {
        if (requiresOpened)
        {
            LineChecks.RequireOpened(book);
        }

        return ValueTask.CompletedTask;
    }

    public override AccountSnapshot Decide(DecisionContext context)
    {
        change(context.Book, context.Now);
        return AccountViews.Snapshot(context.Book);
    }

    public override IdempotencyRecord ToRecord(string scope, AccountSnapshot result, DateTimeOffset now) =>
        new(scope, Kind, Fingerprint, now, null, null, null, result);

    public override AccountSnapshot FromRecord(IdempotencyRecord record) => record.Account!;

    public static string FingerprintFor(params object?[] parts) => FingerprintOf(parts);
}
